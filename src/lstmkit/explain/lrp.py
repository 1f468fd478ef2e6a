"""Layer-wise relevance propagation through recurrent models, batched over sequences.

Shape letters: ``B`` batch, ``T`` time, ``I`` layer input features, ``F`` model input features
(embedding dimensions for tokens), ``H`` hidden units, ``D`` directions, ``C`` outputs.

:func:`lrp` walks a model made of an optional ``embedding`` (``nn.Embedding``), a recurrent
``rnn`` (:class:`lstmkit.nn.LSTM` / :class:`lstmkit.nn.GRU`, or ``torch.nn.LSTM`` / ``GRU``, whose
weights it reads by their PyTorch names), a readout of the recurrent outputs (``"last"``:
final states of the last layer, ``"mean"`` or ``"max"`` over valid steps) and a ``head`` made of
``nn.Linear`` layers and elementwise activations. It recomputes the forward pass in float64 and
then runs one pass backwards over time per layer and direction for all sequences at once, applying
the rules of :mod:`lstmkit.explain.rules`. The float64 recomputation is checked against the
model's own output, so a model that does something the walk does not know about raises instead of
being explained wrongly.

:func:`lrp_seq2seq` walks an encoder-decoder instead (``encoder`` → ``decoder`` → ``head`` per
step, as a ``seq2seq`` :class:`lstmkit.forecast.ForecastNet`): the decoder's initial states are
the encoder's final states, so the relevance the decoder leaves on them flows on into the encoder.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import logging
import math
import numbers
import random
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import torch
from torch import Tensor, nn
from torch.nn.utils.spectral_norm import SpectralNorm
from torch.nn.utils.weight_norm import WeightNorm

from lstmkit._checks import (
    MAX_COUNT,
    and_list,
    and_more,
    as_bool,
    as_int,
    choice_error,
    forecaster_networks,
    is_choice,
    plain_repr,
    typed_repr,
    value_repr,
)
from lstmkit._lazy import public_dir
from lstmkit._modes import evaluating
from lstmkit._token_ids import check_token_ids
from lstmkit.explain.explanation import Explanation, Seq2SeqExplanation
from lstmkit.explain.rules import _epsilon_rule, _rule_problems, _stabilize, sign0
from lstmkit.nn import cells
from lstmkit.nn.layers import _count, _real_steps, check_lengths

__all__ = [
    "CONVENTIONS",
    "Convention",
    "lrp",
    "lrp_seq2seq",
]
__dir__ = public_dir(globals())

logger = logging.getLogger(__name__)

# Modules that compute nothing in inference (lrp explains in eval mode): allowed anywhere, as
# submodules of the model beside `embedding`, `rnn` and `head` too.
_NO_OPS = (
    nn.Identity,
    nn.Dropout,
    nn.Dropout1d,
    nn.Dropout2d,
    nn.Dropout3d,
    nn.AlphaDropout,
    nn.FeatureAlphaDropout,
)
# Elementwise activations that keep the sign of every input (f(z) z >= 0): relevance passes them
# unchanged (Montavon et al. 2019, "Layer-wise relevance propagation: an overview"; Arras et al.
# 2017 for the head); Hardswish makes inputs at or below -3 zero, which keeps f(z) z >= 0 too.
# LeakyReLU, PReLU, ELU and Hardtanh (ReLU6 among them) keep it only for the
# parameters _sign_flip checks; Sigmoid and Softplus are positive for every input.
_ACTIVATIONS = (
    nn.ReLU,
    nn.Tanh,
    nn.GELU,
    nn.SiLU,
    nn.Mish,
    nn.SELU,
    nn.CELU,
    nn.Softsign,
    nn.Hardswish,
    nn.LeakyReLU,
    nn.PReLU,
    nn.ELU,
    nn.Hardtanh,
)
# Modules a head may contain besides its linear maps.
_PASS_THROUGH = (*_ACTIVATIONS, *_NO_OPS)
# how the refusals name them
_HEAD_LAYERS = (
    "a head (an nn.Sequential, nested ones too) may contain nn.Linear, Identity, Dropout and "
    "activations that keep the sign of every input, which pass relevance unchanged: ReLU, Tanh, "
    "GELU, SiLU, Mish, SELU, CELU, Softsign, Hardswish, LeakyReLU and PReLU with slopes >= 0, "
    "ELU with alpha >= 0, and Hardtanh with min_val <= 0 <= max_val"
)
# activations refused for their sign: positive for every input
_POSITIVE = (nn.Sigmoid, nn.Softplus)
_READOUTS = ("last", "mean", "max")
# What a classifier may put after its scores; lrp starts at the raw score before them.
_SCORE_MAPS = (nn.Softmax, nn.LogSoftmax, nn.Sigmoid)
# the end of the hints that say so: the losses that do without them
_RAW_SCORES_LOSSES = " (nn.CrossEntropyLoss and nn.BCEWithLogitsLoss take the raw scores)."
_GRADIENT_METHODS = (
    " The gradient methods explain it: `explain(model, inputs, target, method='gradxinput')` "
    "(or 'ig', 'occlusion')."
)
"""The end of a refusal of a model lrp's rules do not cover, which the other methods explain."""
_EMBEDDING_ROWS = "the rows of the model's `embedding`"
"""What the range of token ids is, in the message that refuses one outside it."""


# -- the model, as LRP sees it -----------------------------------------------------------------


@dataclass(frozen=True)
class _Direction:
    """One layer-direction's weights in float64 (PyTorch layout, names ``*_l{k}[_reverse]``)."""

    weight_ih: Tensor  # [G*H, I]
    weight_hh: Tensor  # [G*H, H]
    bias_ih: Tensor | None  # [G*H]
    bias_hh: Tensor | None
    peepholes: tuple[Tensor, Tensor, Tensor] | None  # w_ci, w_cf, w_co [H]
    reverse: bool
    # an LSTM's projection h_t = W_hr (o_t ⊙ tanh(c_t)) (proj_size P; then weight_hh is
    # [4H, P]), or None
    weight_hr: Tensor | None = None  # [P, H]


@dataclass(frozen=True)
class _Walk:
    """What :func:`lrp` needs from a model."""

    embedding: nn.Embedding | None
    rnn: nn.Module
    kind: str  # "LSTM" or "GRU"
    layers: list[list[_Direction]]
    readout: str
    head: list[nn.Module]
    # the model's attribute for `rnn`, as messages name it ("encoder" for a ForecastNet)
    rnn_name: str = "rnn"


def _rnn_kind(rnn: nn.Module) -> str | None:
    mode = getattr(rnn, "mode", None)
    return mode if mode in ("LSTM", "GRU") else None


def _weight(module: nn.Module, name: str) -> Tensor | None:
    """``module``'s tensor ``name``, detached, as its next call (in eval mode) computes with it.

    ``torch.nn.utils.weight_norm`` and ``spectral_norm`` (the forms before parametrizations)
    set the attribute in a forward pre-hook: after an optimizer step or a ``load_state_dict``
    it held the weight of the call before until the module ran again, and lrp explained that.
    """
    for hook in module._forward_pre_hooks.values():
        if isinstance(hook, WeightNorm) and hook.name == name:
            return hook.compute_weight(module).detach()
        if isinstance(hook, SpectralNorm) and hook.name == name:  # eval: no power iteration
            return hook.compute_weight(module, do_power_iteration=False).detach()
    p = getattr(module, name, None)
    return p.detach() if isinstance(p, Tensor) else None


def _read_directions(rnn: nn.Module, kind: str) -> list[list[_Direction]]:
    """The float64 weights of every layer and direction of ``rnn``, read by their PyTorch
    names."""
    num_dir = 2 if rnn.bidirectional else 1
    peep = bool(getattr(rnn, "peephole", False))

    def get(name: str) -> Tensor | None:
        # by attribute, not named_parameters(): a parametrized weight (weight_norm, say) is
        # stored under another name, and the attribute is the weight the layer computes with
        p = _weight(rnn, name)
        return None if p is None else p.to(torch.float64)

    layers = []
    for k in range(rnn.num_layers):
        dirs = []
        for d in range(num_dir):
            sfx = f"_l{k}" + ("_reverse" if d else "")
            w_ih, w_hh = get("weight_ih" + sfx), get("weight_hh" + sfx)
            if w_ih is None or w_hh is None:
                raise TypeError(
                    f"lrp reads the recurrent weights by their PyTorch names; "
                    f"`weight_ih{sfx}`/`weight_hh{sfx}` are missing from {type(rnn).__name__}."
                )
            peepholes = None
            if peep and kind == "LSTM":
                peepholes = tuple(get(f"weight_{n}{sfx}") for n in ("ci", "cf", "co"))
            w_hr = get("weight_hr" + sfx) if getattr(rnn, "proj_size", 0) else None
            dirs.append(
                _Direction(
                    w_ih, w_hh, get("bias_ih" + sfx), get("bias_hh" + sfx), peepholes, d == 1, w_hr
                )
            )
        layers.append(dirs)
    return layers


def _walk(model: nn.Module) -> _Walk:
    """Finds ``embedding`` → ``rnn`` → readout → ``head`` in ``model``; raises naming problems."""
    if _rnn_kind(model) is not None:
        raise TypeError(
            f"lrp explains a model with a head, got a bare {type(model).__name__}; wrap it in a "
            "module with submodules `rnn` and `head` (nn.Linear)."
        )
    children = dict(model.named_children())
    rnn_name = _layer_name(model)  # the attribute the refusals name: the model's own
    if rnn_name == "encoder":  # lstmkit.forecast.ForecastNet
        children["rnn"] = children.pop("encoder")
    if "rnn" not in children or "head" not in children:
        # a cell under another name (`self.cell = nn.LSTMCell(...)`): the layer to hold as `rnn`
        cell_hint = next(
            (h for n, m in children.items() if n != "rnn" for h in [_cell_hint(m, n)] if h), ""
        )
        hint = _rename_hint(children) + cell_hint
        if not hint and not any(_rnn_kind(m) is not None for m in model.modules()):
            hint = _gradient_hint(model)  # no recurrent layer at all: a CNN, a transformer
        raise TypeError(
            "lrp needs a model with submodules `rnn` or `encoder` (LSTM/GRU) and `head`, "
            f"optionally `embedding` (nn.Embedding); {type(model).__name__} has "
            f"{sorted(dict(model.named_children()))}.{hint}"
        )
    hint = _rename_hint(children)  # an embedding under another name, `rnn` and `head` found
    if "decoder" in children:
        hint = " An encoder-decoder (seq2seq) model is explained by `lrp_seq2seq`."
    elif not hint:  # (the gradient methods, too, find the embedding by its name)
        # else an embedding in a module of lrp's unknown ones (`enc`: Embedding, Dropout)
        hint = _gradient_hint(model) or _held_embedding_hint(model)
    _check_parts("lrp", model, children, ("embedding", "rnn", "head"), hint)
    rnn = children["rnn"]
    kind = _rnn_kind(rnn)
    if kind is None:
        raise TypeError(
            f"lrp does not support the module `{rnn_name}` ({type(rnn).__name__}); "
            "supported: lstmkit.nn.LSTM, lstmkit.nn.GRU, torch.nn.LSTM, torch.nn.GRU."
            + (
                _cell_hint(rnn, rnn_name)
                or _held_layers_hint(rnn, rnn_name)
                or _gradient_hint(model)
            )
        )
    embedding = children.get("embedding")
    if embedding is not None:
        if not isinstance(embedding, nn.Embedding):
            raise TypeError(
                f"lrp does not support the module `embedding` ({type(embedding).__name__}); "
                f"supported: nn.Embedding.{_held_embedding_hint(model)}"
            )
    head = _read_head(children["head"])
    readout = getattr(model, "readout", "last")
    if not isinstance(readout, str) or readout not in _READOUTS:
        # a value, and the model's attribute, not an argument of lrp's (was a TypeError for
        # 'avg' too, "lrp supports readouts ..., got `readout`='avg'")
        expected = (
            f"`readout` of {type(model).__name__} (what its head reads) must be one of "
            f"{_READOUTS}, got "
        )
        if not isinstance(readout, str):
            raise TypeError(f"{expected}{typed_repr(readout)}.")
        lower = readout.strip().lower()
        # " last" was told "(lower case: 'last')", of a name whose case was right
        fixes = [
            said
            for said, wrong in (
                ("without the spaces", readout != readout.strip()),
                ("lower case", readout.strip() != lower),
            )
            if wrong
        ]
        hint = f" ({' and '.join(fixes)}: {lower!r})" if lower in _READOUTS else ""
        raise ValueError(f"{expected}{readout!r}{hint}.")
    layers = _read_directions(rnn, kind)
    num_dir, hidden = len(layers[-1]), layers[-1][0].weight_hh.shape[1]
    read = "the final states of the last layer" if readout == "last" else f"the {readout} over time"
    _check_head_input(
        "lrp",
        head,
        num_dir * hidden,
        f"readout {readout!r} of `{rnn_name}` ({read}, {_count(num_dir, 'direction')} × "
        f"{_count(hidden, 'unit')}, concatenated)",
    )
    return _Walk(embedding, rnn, kind, layers, readout, head, rnn_name)


def _gradient_hint(model: nn.Module) -> str:
    """``_GRADIENT_METHODS`` when the gradient methods can take ``model``'s inputs; else ``""``.
    They embed token ids through the model's ``embedding`` alone: a model that embeds its
    tokens with an ``nn.Embedding`` held elsewhere (inside a module of its own as ``rnn``) has
    its tokens refused by them too."""
    if isinstance(getattr(model, "embedding", None), nn.Embedding):
        return _GRADIENT_METHODS
    return "" if any(isinstance(m, nn.Embedding) for m in model.modules()) else _GRADIENT_METHODS


_CELLS = (nn.LSTMCell, nn.GRUCell, cells.LSTMCell, cells.GRUCell)


def _held_cell(module: nn.Module) -> tuple[str, nn.Module] | None:
    """``("", module)`` when ``module`` is an LSTM or GRU cell; ``(path, cell)`` when it is a
    module of one's own that holds one cell (at ``path``) and nothing else that computes
    (other submodules dropout or identity, no parameters of its own); else None."""
    if isinstance(module, _CELLS):
        return "", module
    found = [(n, m) for n, m in module.named_modules() if isinstance(m, _CELLS)]
    if len(found) != 1:
        return None
    return found[0] if _holds_only(module, found) else None


def _holds_only(module: nn.Module, found: list[tuple[str, nn.Module]]) -> bool:
    """Whether ``module`` holds nothing that computes but the modules ``found`` (``(path,
    module)`` pairs): its other submodules dropout, identity or the containers they are in
    (a Sequential's ModuleList), no parameters of its own."""
    others = [
        m
        for n, m in module.named_modules()
        if n
        and not isinstance(m, (*_NO_OPS, nn.Sequential, nn.ModuleList, nn.ModuleDict))
        and not any(n == p or n.startswith(p + ".") for p, _ in found)
    ]
    own = sum(p.numel() for p in module.parameters()) - sum(
        p.numel() for _, m in found for p in m.parameters()
    )
    return not others and own == 0


def _layer_named(module: nn.Module) -> str:
    """The layer to advise for the recurrent layer or cell ``module``, by the library it comes
    from and its kind (not its class name: a subclass ``MyLSTM(nn.LSTM)`` was advised as
    ``lstmkit.nn.MyLSTM``, one ``MyCell(nn.LSTMCell)`` as ``nn.My``)."""
    gru = isinstance(module, (nn.GRUCell, cells.GRUCell)) or _rnn_kind(module) == "GRU"
    torch_made = isinstance(module, (nn.RNNBase, nn.RNNCellBase))
    return ("nn." if torch_made else "lstmkit.nn.") + ("GRU" if gru else "LSTM")


def _cell_hint(module: nn.Module, name: str) -> str:
    """How to hold an LSTM or GRU cell that ``forward`` steps over time (``module``, the model's
    ``name``, or the one cell it holds) as the one-layer layer lrp reads (same weights, same gate
    order), as a sentence; else ``""``."""
    held = _held_cell(module)
    if held is None:
        return ""
    path, rnn = held
    layer = _layer_named(rnn)
    args = f"{rnn.input_size}, {rnn.hidden_size}"
    args += "" if rnn.bias else ", bias=False"
    args += ", peephole=True" if getattr(rnn, "peephole", False) else ""
    cell = type(rnn).__name__  # LSTMCell, GRUCell, or a subclass's name (MyCell)
    article = "An" if cell.startswith(("LSTM", "A", "E", "I", "O", "U")) else "A"
    what = f"{article} {cell} stepped over time in forward"
    weights = "with the cell's weights"
    if path:  # a module of one's own around the cell: its forward is assumed to step it
        what = (
            f"{type(module).__name__} holds {article.lower()} {cell} (`{name}.{path}`) and "
            "nothing else that computes: if its forward steps the cell over time, it"
        )
        weights = f"with the weights of `{name}.{path}` as `cell`"
    elif name != "rnn":
        what = f"{article} {cell} (`{name}`) stepped over time in forward"
        weights = f"with the weights of `{name}` as `cell`"
    return (
        f" {what} computes what a one-layer "
        f"{layer.split('.')[-1]} computes in one call: hold `{layer}({args}, batch_first=True)` "
        f"as `rnn`, {weights} (`rnn.load_state_dict({{k + '_l0': v for k, v in "
        "cell.state_dict().items()})`), and let forward read its final state `h_n[-1]`."
    )


def _held_layers_hint(module: nn.Module, name: str, who: str = "lrp") -> str:
    """How to hold the recurrent layers that ``module`` (the model's ``name``: an
    ``nn.Sequential`` or ``nn.ModuleList`` holding them and nothing else that computes, or a
    module of one's own so, whose forward the advice is conditional on) holds as the one layer
    lrp reads, as a sentence; else ``""``. Such a container was refused naming its class
    alone. One layer of ``num_layers`` is advised only for layers alike in kind, size, bias,
    direction, peepholes and ``batch_first``, each after the first reading its output; with
    the ``dropout=`` of the nn.Dropout between them (one ``p`` for all), which does nothing in
    eval mode, in which ``who`` (the function called, named in the refusal) explains."""
    found = [(n, m) for n, m in module.named_modules() if n and _rnn_kind(m) is not None]
    if not found:
        return ""
    paths = [f"`{name}.{n}` ({type(m).__name__})" for n, m in found]
    if not _holds_only(module, found):  # a module of one's own that computes more
        return ""
    held = f" {type(module).__name__} `{name}` holds {and_list(paths)}"
    # a container's layers run as the model's forward calls them; a module of one's own runs
    # them in its forward, which may do more (a residual `z + x`), so the advice is hedged
    mine = not isinstance(module, (nn.Sequential, nn.ModuleList, nn.ModuleDict))
    if len(found) == 1:
        if mine:
            return held + f": if its forward only runs that layer, hold the layer as `{name}`."
        return held + f": hold that layer itself as `{name}`."
    layers = [m for _, m in found]
    first = layers[0]
    out = first.hidden_size * (2 if first.bidirectional else 1)
    # one layer of `num_layers` computes them only if they are alike and chained: each after
    # the first reads the one before (LSTM(4, 6) twice, side by side, was advised as a stack)
    same = all(
        type(m) is type(first)
        and getattr(m, "num_layers", 1) == 1
        and m.hidden_size == first.hidden_size
        and m.bidirectional == first.bidirectional
        and getattr(m, "proj_size", 0) == 0
        and bool(m.bias) == bool(first.bias)
        and bool(getattr(m, "peephole", False)) == bool(getattr(first, "peephole", False))
        and bool(m.batch_first) == bool(first.batch_first)
        and (m is first or m.input_size == out)
        for m in layers
    )
    if not same:
        return (
            held + f"; {who} reads one recurrent layer held as `{name}` (stacked by its "
            "`num_layers`)."
        )
    # the dropout between the layers, as the stacked layer's `dropout=` (left out, the advice
    # dropped a ModuleList's nn.Dropout(0.2) without a word); its `p` only where all agree
    held_in = [(n, m) for n, m in module.named_modules() if n]  # in the order they were set
    first_at, last_at = (held_in.index(found[k]) for k in (0, -1))
    between = {m.p for _, m in held_in[first_at:last_at] if type(m) is nn.Dropout}
    dropout = f", dropout={next(iter(between))}" if len(between) == 1 else ""
    # the layers' own arguments, as the cell hint writes them: without bias=False or
    # peephole=True the advised layer's state_dict did not take theirs
    return held + (
        (": if its forward runs them one after another, they are" if mine else ",")
        + f" a stack of {len(layers)} layers: hold one `{_layer_named(first)}("
        f"{first.input_size}, {first.hidden_size}, num_layers={len(layers)}"
        + ("" if first.bias else ", bias=False")
        + (", batch_first=True" if first.batch_first else "")
        + (", bidirectional=True" if first.bidirectional else "")
        + (", peephole=True" if getattr(first, "peephole", False) else "")
        + dropout
        + f")` as `{name}`, which computes the same stack in one call, with "
        f"the weights of `{name}.{found[1][0]}` under `_l1` names (`weight_ih_l0` as "
        "`weight_ih_l1`), and so on."
        + (
            f" (`dropout={next(iter(between))}` drops between the layers as the nn.Dropout "
            f"did in training; in eval mode, in which {who} explains, neither does anything.)"
            if dropout
            else ""
        )
    )


def _rename_hint(children: dict[str, nn.Module]) -> str:
    """Which of ``children`` lrp would read as ``embedding``, ``rnn`` and ``head`` under those
    names (an nn.Embedding, a recurrent layer, a Linear or Sequential), as a sentence; else
    ``""``. lrp finds the parts by name, so a model with ``self.lstm`` and ``self.fc`` was
    refused with its names alone."""
    wanted = {
        "embedding": [
            n for n, m in children.items() if n != "embedding" and isinstance(m, nn.Embedding)
        ],
        "rnn": [n for n, m in children.items() if n != "rnn" and _rnn_kind(m) is not None],
        "head": [n for n, m in children.items() if n != "head" and _reads_as_head(m)],
    }
    moves = [
        f"`{found[0]}` ({type(children[found[0]]).__name__}) as `{name}`"
        for name, found in wanted.items()
        if name not in children and len(found) == 1
    ]
    if not moves:
        return ""
    listed = and_list(moves)
    return (
        " lrp finds the parts by these names: hold "
        + listed
        + " (rename the attributes, or wrap the model in a module that holds them under those "
        "names)."
    )


def _reads_as_head(module: nn.Module) -> bool:
    """Whether ``module`` is a head as lrp reads one: an nn.Linear, or an nn.Sequential of
    linear maps and elementwise activations (a final softmax or sigmoid too, which
    :func:`_read_head` names); not one that holds a layer norm or a recurrent layer, nor a
    softmax before another layer (`Linear, Softmax, Linear`: refused once renamed)."""
    if isinstance(module, nn.Linear):
        return True
    if not isinstance(module, nn.Sequential):
        return False
    layers = [m for _, m in _flat_head(module, "")]
    if layers and isinstance(layers[-1], _SCORE_MAPS):
        layers.pop()
    return any(isinstance(m, nn.Linear) for m in layers) and all(
        isinstance(m, (nn.Linear, *_PASS_THROUGH)) for m in layers
    )


# a `target` of more entries than this is told its entries out of range, not written out whole
_TARGETS_SHOWN = 10


def _check_parts(
    who: str, model: nn.Module, children: dict[str, nn.Module], known: tuple[str, ...], hint: str
) -> None:
    """Raises ``TypeError`` naming every submodule of ``model`` other than ``known`` (and the
    inference no-ops, dropout and identity) and every parameter ``model`` holds itself: the walk
    reads weights from the ``known`` submodules only, so with ``check=False`` (the model is not
    called) a learned attention query or scale on the model was left out without a word."""
    unknown = [
        f"the submodule `{name}` ({type(m).__name__})"
        for name, m in children.items()
        if name not in known and not isinstance(m, _NO_OPS)
    ]
    unknown += [
        f"the parameter `{name}` {list(p.shape)}"
        for name, p in model.named_parameters(recurse=False)
    ]
    if unknown:
        raise TypeError(
            f"{who} does not support "
            + ", ".join(unknown)
            + f" of {type(model).__name__}; supported: {', '.join(known)}, and dropout and "
            f"identity layers, which do nothing in inference.{hint}"
        )


def _flat_head(module: nn.Module, name: str) -> list[tuple[str, nn.Module]]:
    """``module``'s layers in order with their names (``head.0.1``), nested Sequentials opened."""
    if not isinstance(module, nn.Sequential):
        return [(name, module)]
    return [layer for j, m in enumerate(module) for layer in _flat_head(m, f"{name}.{j}")]


def _read_head(head_mod: nn.Module, who: str = "lrp") -> list[nn.Module]:
    """The head's modules in order; raises naming the ones the epsilon rule cannot pass."""
    head = _flat_head(head_mod, "head")
    bad = [
        f"`{n}` ({type(m).__name__})"
        if not isinstance(m, (nn.Linear, *_PASS_THROUGH))
        else f"`{n}` ({type(m).__name__} with {_sign_flip(m)})"
        for n, m in head
        if not isinstance(m, (nn.Linear, *_PASS_THROUGH)) or _sign_flip(m)
    ]
    if bad:
        hint = ""
        name, last = head[-1]
        final = isinstance(last, _SCORE_MAPS) and any(isinstance(m, nn.Linear) for _, m in head)
        # a final sigmoid is told to move out (below), not why it cannot pass relevance
        inner = head[:-1] if final else head
        positive = sorted({type(m).__name__ for _, m in inner if isinstance(m, _POSITIVE)})
        if positive:
            hint += (
                f" {' and '.join(positive)} {'are' if len(positive) > 1 else 'is'} positive for "
                "every input, so relevance cannot pass unchanged through "
                f"{'them' if len(positive) > 1 else 'it'}: a negative input's sign flips."
            )
        if final:
            # a classifier's usual last layer: relevance starts at the score before it (where a
            # Linear computes one: a head that is a softmax alone has none)
            hint += (
                f" {who} explains the raw scores before a final {type(last).__name__}: leave "
                f"`{name}` out of the head and apply it outside the model{_RAW_SCORES_LOSSES}"
            )
        if who == "lrp" and len(bad) > int(final):  # more than a final softmax to move out
            hint += _GRADIENT_METHODS
        raise TypeError(
            f"{who} does not support the {'modules' if len(bad) > 1 else 'module'} "
            + ", ".join(bad)
            + f"; {_HEAD_LAYERS}.{hint}"
        )
    return [m for _, m in head]


def _sign_flip(m: nn.Module) -> str:
    """The parameters with which the activation ``m`` turns a negative input positive (a
    negative slope, a Hardtanh range above 0), as words; else ``""``."""
    if isinstance(m, nn.LeakyReLU) and m.negative_slope < 0:
        return f"negative_slope={m.negative_slope}"
    if isinstance(m, nn.PReLU):
        slope = _weight(m, "weight")
        if slope is not None and bool((slope < 0).any()):
            return f"a negative learned slope, {float(slope.min()):.3g}"
    if isinstance(m, nn.ELU) and m.alpha < 0:
        return f"alpha={m.alpha}"
    if isinstance(m, nn.Hardtanh) and not m.min_val <= 0 <= m.max_val:
        return f"min_val={m.min_val}, max_val={m.max_val}"
    return ""


def _check_head_input(who: str, head: list[nn.Module], width: int, what: str) -> None:
    """Raises ``TypeError`` when the head's first ``nn.Linear`` does not take ``width`` inputs:
    the model feeds its head something other than what ``who`` recomputes (``what``)."""
    linear = next((m for m in head if isinstance(m, nn.Linear)), None)
    if linear is not None and linear.in_features != width:
        raise TypeError(
            f"{who} cannot explain this model: its `head` starts with a Linear of "
            f"in_features={linear.in_features}, but {who} feeds it the {what}: "
            f"{_count(width, 'feature')}. A head on something else (e.g. `h_n[-1]`, the reverse "
            "direction alone, or the states of every layer) is not supported."
        )


# -- forward recomputation (time-major, float64) ----------------------------------------------


def _order(steps: int, reverse: bool) -> range:
    return range(steps - 1, -1, -1) if reverse else range(steps)


def _lstm_forward(
    x: Tensor,
    p: _Direction,
    mask: Tensor | None,
    h0: Tensor | None = None,
    c0: Tensor | None = None,
) -> tuple[Tensor, Tensor, dict]:
    """Runs one direction from ``h0`` ``[B, P]`` and ``c0`` ``[B, H]`` (zeros when None); ``P``
    is the size of ``h``: ``proj_size`` with a projection ``h_t = W_hr m_t``, else ``H``.

    Returns the output ``[T, B, P]`` (zero at padding), ``h_n`` and a record of what the
    relevance pass reads: the two terms of ``c_t = f ⊙ c_{t-1} + i ⊙ g`` (``"fc"``, ``"ig"``),
    ``c_t`` and the candidate's pre-activation ``z_g``, each ``[T, B, H]``, and ``h_{t-1}``
    ``[T, B, P]``; with a projection also ``m_t = o ⊙ tanh(c_t)`` (``"m"``, ``[T, B, H]``) and
    ``h_t`` (``"h"``, ``[T, B, P]``). ``rec["c_n"]`` is the final cell state.
    """
    steps, batch, _ = x.shape
    hidden, size = p.weight_hh.shape[0] // 4, p.weight_hh.shape[1]  # H, and P (H unprojected)
    xp = x @ p.weight_ih.T  # [T, B, 4H], input projections for all steps in one product
    if p.bias_ih is not None:
        xp = xp + (p.bias_ih + p.bias_hh)
    h = x.new_zeros(batch, size) if h0 is None else h0
    c = x.new_zeros(batch, hidden) if c0 is None else c0
    # the products, not the gates i, f, g and c_{t-1} apart: 5 records of [T, B, H] instead of 7
    rec = {k: x.new_zeros(steps, batch, hidden) for k in ("fc", "ig", "c", "z_g")}
    rec["h_prev"] = x.new_zeros(steps, batch, size)
    if p.weight_hr is not None:
        rec["m"], rec["h"] = x.new_zeros(steps, batch, hidden), x.new_zeros(steps, batch, size)
    out = x.new_zeros(steps, batch, size)
    for t in _order(steps, p.reverse):
        a_i, a_f, a_g, a_o = (xp[t] + h @ p.weight_hh.T).chunk(4, dim=1)
        if p.peepholes is not None:
            a_i = a_i + p.peepholes[0] * c
            a_f = a_f + p.peepholes[1] * c
        fc = torch.sigmoid(a_f) * c
        ig = torch.sigmoid(a_i) * torch.tanh(a_g)
        c_new = fc + ig
        if p.peepholes is not None:
            a_o = a_o + p.peepholes[2] * c_new
        h_new = torch.sigmoid(a_o) * torch.tanh(c_new)
        if p.weight_hr is not None:  # h_t = W_hr m_t, m_t = o ⊙ tanh(c_t): [B, H] → [B, P]
            rec["m"][t] = h_new
            h_new = h_new @ p.weight_hr.T
            rec["h"][t] = h_new
        rec["fc"][t], rec["ig"][t], rec["c"][t] = fc, ig, c_new
        rec["h_prev"][t], rec["z_g"][t] = h, a_g
        if mask is None:
            h, c = h_new, c_new
            out[t] = h_new
        else:
            m = mask[t].unsqueeze(1)
            h, c = torch.where(m, h_new, h), torch.where(m, c_new, c)
            out[t] = torch.where(m, h_new, 0.0)
    rec["c_n"] = c
    return out, h, rec


def _gru_forward(
    x: Tensor, p: _Direction, mask: Tensor | None, h0: Tensor | None = None
) -> tuple[Tensor, Tensor, dict]:
    """Runs one direction from ``h0`` ``[B, H]`` (zeros when None), as :func:`_lstm_forward`."""
    steps, batch, _ = x.shape
    hidden = p.weight_hh.shape[1]
    xp = x @ p.weight_ih.T  # [T, B, 3H]
    if p.bias_ih is not None:
        xp = xp + p.bias_ih
    h = x.new_zeros(batch, hidden) if h0 is None else h0
    rec = {k: x.new_zeros(steps, batch, hidden) for k in ("r", "z", "n", "h", "h_prev", "a", "u")}
    out = x.new_zeros(steps, batch, hidden)
    for t in _order(steps, p.reverse):
        hp = h @ p.weight_hh.T
        if p.bias_hh is not None:
            hp = hp + p.bias_hh
        x_r, x_z, x_n = xp[t].chunk(3, dim=1)
        h_r, h_z, u = hp.chunk(3, dim=1)
        r, z = torch.sigmoid(x_r + h_r), torch.sigmoid(x_z + h_z)
        a = x_n + r * u
        n = torch.tanh(a)
        h_new = (1 - z) * n + z * h
        rec["r"][t], rec["z"][t], rec["n"][t], rec["h"][t] = r, z, n, h_new
        rec["h_prev"][t], rec["a"][t], rec["u"][t] = h, a, u
        if mask is None:
            h = h_new
            out[t] = h_new
        else:
            m = mask[t].unsqueeze(1)
            h = torch.where(m, h_new, h)
            out[t] = torch.where(m, h_new, 0.0)
    return out, h, rec


# -- relevance, backwards over time ------------------------------------------------------------

Convention = Literal["equation", "lrp_for_lstm"]
CONVENTIONS: tuple[str, ...] = ("equation", "lrp_for_lstm")


def _eps_share(bias_factor: float, convention: str) -> float:
    """The factor on the stabilizer's share handed down: always 1 in the equation of Arras et
    al. (2017); ``bias_factor`` in their later code (``lrp_linear``), as the bias share."""
    return 1.0 if convention == "equation" else bias_factor


def _unit_weight(hidden: int, like: Tensor, convention: str) -> Tensor | None:
    """How a sum of two ``[B, H]`` terms (``c_t``, a GRU's ``h_t``) is split: unit by unit
    (``None``: ``N = 2`` per unit), or as the later code does, through an identity matrix, so
    that ``N = 2H`` and each unit's stabilizer and bias share is spread over every term."""
    if convention == "equation":
        return None
    return torch.eye(hidden, dtype=like.dtype, device=like.device)


def _lstm_relevance(
    x: Tensor,
    p: _Direction,
    rec: dict,
    mask: Tensor | None,
    r_out: Tensor | None,
    r_hn: Tensor | None,
    eps: float,
    bias_factor: float,
    convention: str = "equation",
) -> tuple[Tensor, Tensor]:
    """Relevance of the layer input ``[T, B, I]`` and of the initial states (``[B]``, h_0 + c_0)."""
    r_x, (r_h0, r_c0) = _lstm_relevance_states(
        x, p, rec, mask, r_out, r_hn, eps, bias_factor, convention=convention
    )
    return r_x, r_h0.sum(dim=1) + r_c0.sum(dim=1)


def _lstm_relevance_states(
    x: Tensor,
    p: _Direction,
    rec: dict,
    mask: Tensor | None,
    r_out: Tensor | None,
    r_hn: Tensor | None,
    eps: float,
    bias_factor: float,
    r_cn: Tensor | None = None,
    convention: str = "equation",
) -> tuple[Tensor, tuple[Tensor, Tensor]]:
    """Relevance of the layer input ``[T, B, I]`` and, per unit, of ``(h_0, c_0)`` (``[B, P]``
    and ``[B, H]``; ``P = H`` without a projection).

    ``r_out`` ``[T, B, P]`` arrives at the outputs, ``r_hn`` ``[B, P]`` and ``r_cn`` ``[B, H]``
    at the final states (None: none), as when the final states initialise a decoder.
    """
    steps, batch, n_in = x.shape
    hidden, size = p.weight_hh.shape[0] // 4, p.weight_hh.shape[1]  # H, and P (H unprojected)
    w_ig = p.weight_ih[2 * hidden : 3 * hidden]  # candidate g: the only gate that is a signal
    w_hg = p.weight_hh[2 * hidden : 3 * hidden]
    b_g = None
    if p.bias_ih is not None:
        b_g = p.bias_ih[2 * hidden : 3 * hidden] + p.bias_hh[2 * hidden : 3 * hidden]
    r_h = x.new_zeros(batch, size) if r_hn is None else r_hn
    r_c = x.new_zeros(batch, hidden) if r_cn is None else r_cn
    s_all = x.new_zeros(steps, batch, hidden)  # R_g / (z_g + eps sign z_g), for R_x at the end
    share_all = x.new_zeros(steps, batch, 1)  # the bias/stabilizer share each input unit gets
    n_lower = n_in + size
    eps_share = _eps_share(bias_factor, convention)
    unit = _unit_weight(hidden, x, convention)
    for t in reversed(_order(steps, p.reverse)):
        if r_out is not None:
            r_h = r_h + r_out[t]
        r_m = r_h
        if p.weight_hr is not None:
            # h_t = W_hr m_t (no bias): epsilon rule over the H units of m_t (Sak et al. 2014).
            (r_m,) = _epsilon_rule(
                [(rec["m"][t], p.weight_hr)],
                rec["h"][t],
                r_h,
                eps=eps,
                bias_factor=bias_factor,
                eps_share=eps_share,
            )
        # m_t = o ⊙ tanh(c_t) (h_t unprojected): all of R_m to c_t;
        # c_t = f ⊙ c_{t-1} + i ⊙ g: epsilon rule, N = 2.
        (r_c_prev, r_g) = _epsilon_rule(
            [(rec["fc"][t], unit), (rec["ig"][t], unit)],
            rec["c"][t],
            r_c + r_m,
            eps=eps,
            bias_factor=bias_factor,
            eps_share=eps_share,
        )
        # g = tanh(W_ig x + W_hg h + b_g): epsilon rule over the I + H lower units.
        z_g = rec["z_g"][t]
        s = r_g / _stabilize(z_g, eps)
        absorbed = eps_share * eps * sign0(z_g)
        if b_g is not None:
            absorbed = absorbed + bias_factor * b_g
        share = (absorbed * s).sum(dim=1, keepdim=True) / n_lower
        r_h_prev = rec["h_prev"][t] * (s @ w_hg) + share
        if mask is None:
            r_h, r_c = r_h_prev, r_c_prev
            s_all[t], share_all[t] = s, share
        else:
            m = mask[t].unsqueeze(1)
            r_h, r_c = torch.where(m, r_h_prev, r_h), torch.where(m, r_c_prev, r_c)
            s_all[t], share_all[t] = torch.where(m, s, 0.0), torch.where(m, share, 0.0)
    r_x = x * (s_all @ w_ig) + share_all  # all steps in one product
    return r_x, (r_h, r_c)


def _gru_relevance(
    x: Tensor,
    p: _Direction,
    rec: dict,
    mask: Tensor | None,
    r_out: Tensor | None,
    r_hn: Tensor | None,
    eps: float,
    bias_factor: float,
    convention: str = "equation",
) -> tuple[Tensor, Tensor]:
    """Relevance of the layer input ``[T, B, I]`` and of the initial state (``[B]``, h_0)."""
    r_x, (r_h0,) = _gru_relevance_states(
        x, p, rec, mask, r_out, r_hn, eps, bias_factor, convention=convention
    )
    return r_x, r_h0.sum(dim=1)


def _gru_relevance_states(
    x: Tensor,
    p: _Direction,
    rec: dict,
    mask: Tensor | None,
    r_out: Tensor | None,
    r_hn: Tensor | None,
    eps: float,
    bias_factor: float,
    r_cn: Tensor | None = None,
    convention: str = "equation",
) -> tuple[Tensor, tuple[Tensor]]:
    """As :func:`_lstm_relevance_states` for a GRU: the per-unit relevance of ``(h_0,)``.

    A GRU has no cell state, so ``r_cn`` must be None.
    """
    if r_cn is not None:
        raise ValueError("a GRU has no cell state to receive relevance `r_cn`.")
    steps, batch, n_in = x.shape
    hidden = p.weight_hh.shape[1]
    w_in = p.weight_ih[2 * hidden :]
    w_hn = p.weight_hh[2 * hidden :]
    b_in = None if p.bias_ih is None else p.bias_ih[2 * hidden :]
    b_hn = None if p.bias_hh is None else p.bias_hh[2 * hidden :]
    r_h = x.new_zeros(batch, hidden) if r_hn is None else r_hn
    s_all = x.new_zeros(steps, batch, hidden)
    share_all = x.new_zeros(steps, batch, 1)
    eps_share = _eps_share(bias_factor, convention)
    unit = _unit_weight(hidden, x, convention)
    for t in reversed(_order(steps, p.reverse)):
        if r_out is not None:
            r_h = r_h + r_out[t]
        r, z, n, h_prev = rec["r"][t], rec["z"][t], rec["n"][t], rec["h_prev"][t]
        a, u = rec["a"][t], rec["u"][t]
        # h = (1 - z) ⊙ n + z ⊙ h_prev: proportional split (epsilon rule, N = 2), gate z gets none.
        r_n, r_h_direct = _epsilon_rule(
            [((1 - z) * n, unit), (z * h_prev, unit)],
            rec["h"][t],
            r_h,
            eps=eps,
            bias_factor=bias_factor,
            eps_share=eps_share,
        )
        # a = W_in x + b_in + r ⊙ u: epsilon rule over the I inputs and the one product term.
        s = r_n / _stabilize(a, eps)
        absorbed = eps_share * eps * sign0(a)
        if b_in is not None:
            absorbed = absorbed + bias_factor * b_in
        share_unit = absorbed * s / (n_in + 1)
        r_ru = r * u * s + share_unit
        # r ⊙ u: all to the signal u = W_hn h_prev + b_hn; epsilon rule over the H lower units.
        (r_h_via_u,) = _epsilon_rule(
            [(h_prev, w_hn)],
            u,
            r_ru,
            bias=b_hn,
            eps=eps,
            bias_factor=bias_factor,
            eps_share=eps_share,
        )
        r_h_prev = r_h_direct + r_h_via_u
        share = share_unit.sum(dim=1, keepdim=True)
        if mask is None:
            r_h = r_h_prev
            s_all[t], share_all[t] = s, share
        else:
            m = mask[t].unsqueeze(1)
            r_h = torch.where(m, r_h_prev, r_h)
            s_all[t], share_all[t] = torch.where(m, s, 0.0), torch.where(m, share, 0.0)
    r_x = x * (s_all @ w_in) + share_all
    return r_x, (r_h,)


# -- readout and head --------------------------------------------------------------------------


def _readout_forward(
    readout: str, out: Tensor, finals: list[Tensor], mask: Tensor | None, lengths: Tensor
) -> Tensor:
    if readout == "last":
        return torch.cat(finals, dim=-1)
    if readout == "max":
        if mask is not None:
            out = out.masked_fill(~mask.unsqueeze(2), float("-inf"))
        return out.max(dim=0).values
    if mask is not None:
        out = out * mask.unsqueeze(2)
    return out.sum(dim=0) / lengths.to(out.dtype).unsqueeze(1)


def _readout_relevance(
    readout: str,
    r_s: Tensor,
    s: Tensor,
    out: Tensor,
    num_dir: int,
    mask: Tensor | None,
    lengths: Tensor,
    eps: float,
    bias_factor: float,
    convention: str = "equation",
) -> tuple[Tensor | None, list[Tensor | None]]:
    """Relevance of the last layer's outputs ``[T, B, D*H]`` and of its final states (per D)."""
    if readout == "last":
        return None, list(r_s.chunk(num_dir, dim=-1))
    if readout == "max":
        # Max pooling: winner takes all, at the step that attained the maximum.
        masked = out if mask is None else out.masked_fill(~mask.unsqueeze(2), float("-inf"))
        winner = masked.argmax(dim=0, keepdim=True)  # [1, B, DH]
        r_out = torch.zeros_like(out).scatter_(0, winner, r_s.unsqueeze(0))
        return r_out, [None] * num_dir
    # Mean: a linear map with weights 1/L over the L valid steps (epsilon rule, N = L, no bias).
    n = lengths.to(out.dtype).view(1, -1, 1)
    ratio = r_s / _stabilize(s, eps)
    r_out = out / n * ratio + _eps_share(bias_factor, convention) * eps * sign0(s) * ratio / n
    if mask is not None:
        r_out = r_out * mask.unsqueeze(2)
    return r_out, [None] * num_dir


def _readout_hint(
    model: nn.Module,
    walk: _Walk,
    out: Tensor,
    layer_out: Tensor,
    finals: list[Tensor],
    mask: Tensor | None,
    lengths: Tensor,
    cell_states: list[Tensor] | None = None,
) -> str:
    """What the model's output ``out`` is instead of ``walk``'s readout, when the last layer's
    outputs ``layer_out`` ``[T, B, D*H]``, final states ``finals`` or (an LSTM's) final cell
    states ``cell_states`` (``[B, H]`` per direction) give it another way, as a sentence;
    else ``""``.

    A model of one's own tells lrp its readout by an attribute ``readout``, which it may lack
    (lrp then takes ``"last"``); a mean or maximum over the padding too, the output at one
    step, the final states with the reverse direction first or the final cell states are
    readouts lrp does not compute.
    """
    steps = layer_out.shape[0]
    # (what, readout, the head's input [B, D*H]), in the order they are tried
    candidates: list[tuple[str, str, Tensor]] = [
        ("readout", r, _readout_forward(r, layer_out, finals, mask, lengths))
        for r in _READOUTS
        if r != walk.readout
    ]
    # `out.sum(1)`: a mean without its division (each sequence's valid steps)
    valid = layer_out if mask is None else layer_out * mask.unsqueeze(2)
    candidates.append(("summed", "sum", valid.sum(dim=0)))
    if mask is not None:  # the padded steps' outputs (zero) pooled too
        candidates.append(("padded", "mean", layer_out.mean(dim=0)))
        candidates.append(("padded", "max", layer_out.max(dim=0).values))
    if walk.readout == "last" and len(finals) == 2:  # torch.cat([h_n[-1], h_n[-2]], -1)
        candidates.append(("swapped", "last", torch.cat(finals[::-1], dim=-1)))
    if walk.readout == "last" and cell_states is not None:  # c_n[-1] (and c_n[-2]) for h_n's
        candidates.append(("cells", "last", torch.cat(cell_states, dim=-1)))

    width = layer_out.shape[-1]  # D*P: c_n of a projected LSTM is D*H wide, too wide for the head

    def gives_out(s: Tensor) -> bool:
        if s.shape[-1] != width:
            return False
        logits = _head_forward(walk.head, s)[-1]
        return logits.shape == out.shape and _difference(model, out, logits) is None

    found: tuple[str, str | int] | None = next(
        ((what, which) for what, which, s in candidates if gives_out(s)), None
    )
    if found is None:  # the output at one step, out[:, t]: the head on every step at once
        found = _step_of(model, out, _head_forward(walk.head, layer_out)[-1])
    if found is None:
        return ""
    what, which = found
    if what == "readout":
        took = (
            f"lrp took readout {walk.readout!r} from its attribute `readout`"
            if getattr(model, "readout", None) is not None
            else f"lrp found no attribute `readout` on {type(model).__name__} and took "
            f"{walk.readout!r}"
        )
        return (
            f" Its output is the head on readout {which!r} ({took}): set "
            f"`readout = {which!r}` on the model to explain it."
        )
    if what == "summed":
        # lrp's mean is this sum divided by each length; a sum has no readout of its own. A
        # time-major rnn's outputs are [T, B, D*H]: `out.sum(1)` there sums over the batch
        t = 1 if getattr(walk.rnn, "batch_first", True) else 0
        divide = f"`out.sum({t}) / lengths.unsqueeze(1)` with padding, else `out.mean({t})`"
        return f" Its output is the head on the sum of the outputs over time (`out.sum({t})`); " + (
            "lrp's readout 'mean' divides that sum by each sequence's length: divide so in "
            f"forward ({divide}) to explain the model."
            if walk.readout == "mean"
            else f"lrp has no readout 'sum' (its readouts: {', '.join(map(repr, _READOUTS))}): "
            f"take the mean in forward ({divide}) and set `readout = 'mean'` on the model to "
            "explain it."
        )
    if what == "swapped":
        hidden = finals[0].shape[-1]
        return (
            " Its output is the head on the final states with the reverse direction first "
            "(`torch.cat([h_n[-1], h_n[-2]], -1)`); lrp's readout 'last' puts the forward "
            "direction first (`torch.cat([h_n[-2], h_n[-1]], -1)`). To explain the model, "
            "concatenate them so in forward and swap the two halves of the columns of the "
            f"head's first Linear weight (columns {hidden}.. first, then 0..{hidden - 1}): the "
            "output stays the same."
        )
    if what == "cells":
        return (
            " Its output is the head on the final cell states `c_n` (the second of the LSTM's "
            "final states); lrp's readout 'last' reads the final hidden states `h_n`, where "
            "the LSTM rules start, and has no rule that starts at `c_n`."
        )
    if what == "padded":
        pooled, how = {
            "mean": ("mean", "the sum over time divided by `lengths`"),
            "max": ("maximum", "the padded steps set to -inf before the maximum"),
        }[which]
        return (
            f" Its output is the head on the {pooled} of the outputs over all "
            f"{_count(steps, 'step')}, padding included; lrp's readout {which!r} pools each "
            f"sequence's valid steps only ({how})."
        )
    if len(walk.layers[-1]) == 1 and mask is None:
        return (
            f" Its output is the head on the output at step {which} (`out[:, {which}]`), "
            f"which depends on steps 0..{which} alone: `lrp(model, inputs[:, :{which + 1}], "
            "...)` explains it, as the final state there."
        )
    return (
        f" Its output is the head on the output at step {which} (`out[:, {which}]`), which "
        "lrp cannot explain: readout 'last' is the final states `h_n`, after each sequence's "
        "last valid step (padding is not read) and, for a reverse direction, after the whole "
        "sequence."
    )


def _random_output_hint(model: nn.Module, out: Tensor, call: Callable[[], Tensor]) -> str:
    """A sentence when the model's output ``out`` is not what a second ``call()`` of it gives
    (in eval mode, as the first): something random stays on in eval mode; else ``""``. A
    functional dropout without ``training=self.training`` got only "computes something beyond
    ...", and the other hints compared its random output with what lrp computes."""
    before = _rng_states(model, out.device)
    try:
        again = _model_output(model, call)
    except Exception:  # any: it ran once; the check's own message stands
        return ""
    why = _changed_output(model, out, again, _drawn(before, _rng_states(model, out.device)))
    return f" Its {why}" if why else ""


# torch's default generators (the CPU's, a CUDA device's), as :func:`_rng_states` names them
_TORCH_RNG = "torch"


def _changed_output(model: nn.Module, out: Tensor, again: Tensor, drawn: Sequence[str] = ()) -> str:
    """What it means that the model's output ``out`` differs from ``again``, its output on the
    same inputs in a second call in eval mode, as the end of a sentence on "its"; else ``""``
    (shared by lrp's hint and the other methods' refusal, :func:`_check_repeatable`).
    ``drawn``: the generators the first call drew from, as :func:`_rng_states` names them."""
    if again.shape != out.shape:
        return ""
    err = _difference(model, out, again.detach().to(torch.float64))
    if err is None or math.isnan(err):
        return ""
    others = [name for name in dict.fromkeys(drawn) if name != _TORCH_RNG]
    if others and _TORCH_RNG not in drawn:
        # F.dropout's example misled a model drawing from numpy or its own generator
        what = f": it draws from {' and '.join(others)} (draw only `if self.training`)"
    else:
        what = (
            ", such as `F.dropout(x, p)` without `training=self.training` (use an `nn.Dropout` "
            "module)"
        )
    return (
        f"output changes from call to call on the same inputs (max abs difference "
        f"{err:.3g} between two calls in eval mode): something random is on in eval mode"
        f"{what}; an explanation needs one output for one input."
    )


def _rng_states(model: nn.Module, device: torch.device) -> list[tuple[str, object]]:
    """The states of the generators a call of ``model`` on ``device`` may draw from, read
    without calling it, each with its name in a refusal: torch's default generator (the
    CPU's, and the device's own where it is CUDA), numpy's global one (``np.random.rand``; a
    model drawing from it was explained on one random draw without a word), Python's
    ``random``, and every ``torch.Generator``, ``np.random.Generator``,
    ``np.random.RandomState`` or ``random.Random`` the model or one of its submodules holds as
    an attribute (``self.gen``). A generator held elsewhere (a closure, a module-level
    ``np.random.default_rng()``) is not read: finding it would take a second call of every
    model, deterministic ones included (see :func:`_check_repeatable`)."""
    states: list[tuple[str, object]] = [
        (_TORCH_RNG, torch.random.get_rng_state()),
        ("numpy's global generator `np.random`", np.random.get_state()),
        ("Python's `random`", random.getstate()),
    ]
    if device.type == "cuda":
        states.append((_TORCH_RNG, torch.cuda.get_rng_state(device)))
    for prefix, module in model.named_modules() if isinstance(model, nn.Module) else ():
        for attr, value in vars(module).items():
            if isinstance(value, torch.Generator):
                state: object = value.get_state()
            elif isinstance(value, np.random.Generator):
                state = value.bit_generator.state
            elif isinstance(value, np.random.RandomState):
                state = value.get_state()
            elif isinstance(value, random.Random) and not isinstance(value, random.SystemRandom):
                state = value.getstate()  # os.urandom's SystemRandom has none, and raises
            else:
                continue
            states.append(
                (f"its generator `{'.'.join(filter(None, ('self', prefix, attr)))}`", state)
            )
    return states


def _same_state(a: object, b: object) -> bool:
    """Whether two generator states read by :func:`_rng_states` are equal: tensors, arrays,
    and the tuples and dicts numpy and Python's ``random`` hold them in."""
    if isinstance(a, Tensor):
        return isinstance(b, Tensor) and torch.equal(a, b)
    if isinstance(a, np.ndarray):
        return isinstance(b, np.ndarray) and np.array_equal(a, b)
    if isinstance(a, dict):
        return (
            isinstance(b, dict) and a.keys() == b.keys() and all(_same_state(a[k], b[k]) for k in a)
        )
    if isinstance(a, (tuple, list)):
        if not isinstance(b, (tuple, list)) or len(a) != len(b):
            return False
        if all(type(x) is int for x in (*a, *b)):
            return a == b  # Python random's 625 ints at once: a call each took twice as long
        return all(map(_same_state, a, b))
    return bool(a == b)


def _drawn(before: list[tuple[str, object]], after: list[tuple[str, object]]) -> list[str]:
    """The names of the generators whose states moved from ``before`` to ``after``, both of
    :func:`_rng_states` (one made during the call, which changes their count, is named by
    none)."""
    return [a[0] for a, b in zip(before, after, strict=False) if not _same_state(a[1], b[1])]


def _check_repeatable(
    method: str,
    model: nn.Module,
    out: Tensor,
    before: list[tuple[str, object]],
    call: Callable[[], Tensor],
    *,
    refused: str | None = None,
) -> None:
    """Raises ``RuntimeError`` when the call that gave ``out`` drew random numbers (the
    generators' states ``before`` it, :func:`_rng_states`, moved) and a second ``call()`` on
    the same inputs gives another output: the gradient and perturbation methods explained one
    random draw of such a model without a word (lrp's output check caught it). A model that
    draws nothing is not called again. The message starts "method {method!r} cannot explain
    {model}", or ``refused`` where another function refuses (``deletion_curve``).

    Detected: draws from torch's default generator (``torch.rand``, ``F.dropout`` in eval mode),
    numpy's global one (``np.random.rand``), Python's ``random``, and any generator the model or
    a submodule holds as an attribute (``torch.Generator``, ``np.random.Generator``,
    ``np.random.RandomState``, ``random.Random``). Not detected: a generator held elsewhere (a
    closure, a global ``np.random.default_rng()``), or randomness from outside any generator
    (the clock, ``os.urandom``). Catching those would take a second call of every model,
    deterministic ones included: on the README's examples (one thread) a forward of 0.7 ms on
    gradxinput's 8 ms for the text classifier, lost in the noise of the airline forecaster's 10
    ms, but a third of gradxinput's and sensitivity's cost (one forward, one backward) on a
    large model or a long ``--file``, for a rare mistake; reading and comparing the states
    costs 0.3 to 0.6 ms (numpy's ``get_state`` alone 0.13 ms)."""
    after = _rng_states(model, out.device)
    drawn = _drawn(before, after)
    if len(after) == len(before) and not drawn:
        return
    with torch.no_grad():
        why = _changed_output(model, out.detach(), call(), drawn)
    if why:
        who = refused or f"method {method!r} cannot explain {type(model).__name__}"
        raise RuntimeError(f"{who}: its {why}")


def _score_map_hint(model: nn.Module, out: Tensor, logits: Tensor, who: str = "lrp") -> str:
    """What the model's output ``out`` is when it is a softmax, log-softmax or sigmoid of the
    recomputed scores ``logits`` (``[B, C]``), as a sentence, naming ``who`` explains; else
    ``""``. A classifier that returns probabilities got only "computes something beyond ..."."""
    maps = (
        ("softmax", "torch.softmax(scores, dim=1)", lambda z: torch.softmax(z, dim=1)),
        ("log-softmax", "torch.log_softmax(scores, dim=1)", lambda z: torch.log_softmax(z, 1)),
        ("sigmoid", "torch.sigmoid(scores)", torch.sigmoid),
    )
    if out.shape != logits.shape:
        return ""
    for what, code, f in maps:
        if _difference(model, out, f(logits)) is None:
            return (
                f" Its output is the {what} of the head's scores (`{code}`): {who} explains the "
                f"raw scores, as relevance starts at the score before the {what}; let forward "
                f"return the head's output and apply the {what} outside the model"
                + _RAW_SCORES_LOSSES
            )
    return ""


def _padding_read_hint(model: nn.Module, walk: _Walk, out: Tensor, x: Tensor) -> str:
    """A sentence when the model's output ``out`` is what lrp computes on the time-major layer
    input ``x`` ``[T, B, F]`` with every step read, padding included: a forward that takes
    ``lengths`` but does not hand them to its ``rnn``; else ``""``."""
    forward = _lstm_forward if walk.kind == "LSTM" else _gru_forward
    layer_in, finals = x, []
    for dirs in walk.layers:
        runs = [forward(layer_in, p, None) for p in dirs]
        layer_in = torch.cat([r[0] for r in runs], dim=-1)
        finals = [r[1] for r in runs]
    steps, batch = x.shape[:2]
    full = torch.full((batch,), steps, device=x.device)
    logits = _head_forward(walk.head, _readout_forward(walk.readout, layer_in, finals, None, full))
    if logits[-1].shape != out.shape or _difference(model, out, logits[-1]) is not None:
        return ""
    return (
        f" Its output is what lrp computes reading all {_count(steps, 'step')}, padding included: "
        f"{type(model).__name__}'s forward takes `lengths` but its `{walk.rnn_name}` reads the "
        f"padding too; hand them on (`self.{walk.rnn_name}(x, lengths=lengths)`, or a packed "
        "sequence for torch.nn layers), or explain without `lengths`."
    )


def _rnn_call_hint(
    model: nn.Module,
    walk: _Walk,
    call: Callable[[], Tensor],
    lengths: Tensor | None,
    steps: int,
    batch: int,
) -> str:
    """A sentence when the model's forward, run again by ``call()``, hands its ``rnn`` what lrp
    does not read: initial states that are not zero (``self.rnn(x, (h_0, c_0))``; lrp runs every
    layer from zero states), or sequences packed (or given ``lengths=``) to other lengths than
    lrp's, ``lengths`` (None: all ``steps``), as a forward that packs by the pad ids it finds;
    not where the rnn got another batch than lrp's ``batch`` sequences, whose lengths are none
    to pass lrp. Such models got only "computes something beyond ...". Else ``""``."""
    largest: list[float] = []
    packed: list[Tensor] = []

    def record(module: nn.Module, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        hx = args[1] if len(args) > 1 else kwargs.get("hx")
        for state in hx if isinstance(hx, (tuple, list)) else (hx,):
            if isinstance(state, Tensor) and state.numel():
                largest.append(float(state.detach().abs().max()))
        x = args[0] if args else kwargs.get("input")
        given = args[2] if len(args) > 2 else kwargs.get("lengths")
        if isinstance(x, nn.utils.rnn.PackedSequence):
            packed.append(nn.utils.rnn.pad_packed_sequence(x)[1])
        elif given is not None:
            packed.append(torch.as_tensor(given))

    if not _rnn_calls(model, walk.rnn, call, record):  # the check's own message stands
        return ""
    name = walk.rnn_name
    if max(largest, default=0.0) > 0:  # none given, zeros or NaN: no hint (the check names NaN)
        return (
            f" Its forward hands `{name}` initial states that are not zero (largest |value| "
            f"{max(largest):.3g}); lrp runs every layer from zero initial states and has no rule "
            f"for states given from outside. Call `self.{name}(x)` without them to explain the "
            "model with lrp, or explain it as it is with a gradient method: "
            "`explain(model, inputs, target, method='gradxinput')` (or 'ig', 'occlusion')."
        )
    if len(packed) != 1:
        return ""
    own = [int(v) for v in packed[0].tolist()]
    read = [steps] * batch if lengths is None else [int(v) for v in lengths.tolist()]
    if own == read or len(own) != batch:  # another batch (the sequences twice over): no pairs
        return ""
    if len(own) > _LISTED_LENGTHS:  # 1,000 sequences: a message of 8,000 characters
        return _many_lengths_hint(name, own, read, lengths is None, steps)
    if lengths is None:
        return (
            f" Its forward hands `{name}` sequences of lengths {own} (packed, or as `lengths=`), "
            f"where lrp, given no `lengths`, reads all {_count(steps, 'step')} of each: pass lrp "
            f"those lengths, `lengths=torch.tensor({own})`, with a forward that takes them "
            "(`def forward(self, inputs, lengths=None)`)."
        )
    return (
        f" Its forward hands `{name}` sequences of lengths {own} (packed, or as `lengths=`), "
        f"where lrp reads the `lengths` given, {read}: pass lrp those, "
        f"`lengths=torch.tensor({own})`."
    )


# the most sequences whose lengths _rnn_call_hint lists whole, in a `torch.tensor([...])` to copy
_LISTED_LENGTHS = 16


def _many_lengths_hint(name: str, own: list[int], read: list[int], none: bool, steps: int) -> str:
    """:func:`_rnn_call_hint`'s sentence for more than ``_LISTED_LENGTHS`` sequences: the first
    few whose lengths ``own`` (the rnn's) differ from ``read`` (lrp's), and how many do, where
    listing them all (twice) made a message of thousands of numbers, and a tensor to copy of
    them no advice to follow."""
    differ = [i for i, (a, b) in enumerate(zip(own, read, strict=True)) if a != b]
    first = differ[:3]
    listed = ", ".join(f"sequence {i}: {own[i]}" for i in first)
    if none:
        where = f"lrp, given no `lengths`, reads all {_count(steps, 'step')} of each"
        takes = ", with a forward that takes them (`def forward(self, inputs, lengths=None)`)"
    else:
        given = ", ".join(f"sequence {i}: {read[i]}" for i in first)
        where, takes = f"lrp reads the `lengths` given ({given})", ""
    return (
        f" Its forward hands `{name}` sequences of other lengths than lrp reads (packed, or as "
        f"`lengths=`): {len(differ):,} of the {len(own):,} ({listed}"
        f"{and_more(len(differ), len(first))}), where {where}: pass lrp the lengths the "
        f"forward finds, `lengths=` a tensor of {len(own):,}{takes}."
    )


def _step_of(model: nn.Module, out: Tensor, per_step: Tensor) -> tuple[str, int] | None:
    """``("step", t)`` for the first step ``t`` whose logits ``per_step[t]`` (``[T, B, C]``, the
    head on each step's outputs) are the model's output ``out``, else None. One comparison for
    all steps: a head call and a comparison per step took 1.1 s for 10,000 steps. Compared as
    :func:`_difference` compares (:func:`_gaps`): an infinite logit made a step's tolerance
    infinite, so that the first step with one was named whatever the output was."""
    if per_step.shape[1:] != out.shape or not out.numel():
        return None
    err, scale = _gaps(out.reshape(1, -1), per_step.flatten(1))  # [T] each
    close = (err <= _tolerance(model, out) * scale).nonzero()  # NaN is close to nothing
    return ("step", int(close[0, 0])) if len(close) else None


def _linear_float64(m: nn.Linear) -> tuple[Tensor, Tensor | None]:
    """The float64 weight and bias (or None) of a Linear in the head, as :func:`_weight` reads
    them."""
    w, b = _weight(m, "weight"), _weight(m, "bias")
    assert w is not None  # an nn.Linear always has a weight
    return w.to(torch.float64), None if b is None else b.to(torch.float64)


def _head_forward(head: list[nn.Module], s: Tensor) -> list[Tensor]:
    acts = [s]
    for m in head:
        a = acts[-1]
        if isinstance(m, nn.Linear):
            w, b = _linear_float64(m)
            a = a @ w.T
            if b is not None:
                a = a + b
        elif isinstance(m, nn.ReLU):
            a = torch.relu(a)
        elif isinstance(m, nn.LeakyReLU):
            a = nn.functional.leaky_relu(a, m.negative_slope)
        elif isinstance(m, nn.Tanh):
            a = torch.tanh(a)
        elif isinstance(m, nn.GELU):
            a = nn.functional.gelu(a, approximate=m.approximate)
        elif isinstance(m, nn.SiLU):
            a = nn.functional.silu(a)
        elif isinstance(m, nn.Mish):
            a = nn.functional.mish(a)
        elif isinstance(m, nn.SELU):
            a = nn.functional.selu(a)
        elif isinstance(m, nn.CELU):  # its sign is its input's for either sign of alpha
            a = nn.functional.celu(a, m.alpha)
        elif isinstance(m, nn.Softsign):
            a = nn.functional.softsign(a)
        elif isinstance(m, nn.Hardswish):  # 0 at or below -3: a sign kept or made 0
            a = nn.functional.hardswish(a)
        elif isinstance(m, nn.ELU):
            a = nn.functional.elu(a, m.alpha)
        elif isinstance(m, nn.Hardtanh):
            a = nn.functional.hardtanh(a, m.min_val, m.max_val)
        elif isinstance(m, nn.PReLU):
            slope = _weight(m, "weight")
            assert slope is not None  # an nn.PReLU always has a weight
            # one slope, or one per feature (the last dimension of [B, C] and of a seq2seq
            # head's [T', B, C], as a head called on [B·T', C] computes; _slopes_per_step_hint)
            a = torch.where(a >= 0, a, slope.to(torch.float64) * a)
        acts.append(a)
    return acts


def _head_relevance(
    head: list[nn.Module],
    acts: list[Tensor],
    r: Tensor,
    eps: float,
    bias_factor: float,
    convention: str = "equation",
) -> Tensor:
    for m, a_in, a_out in zip(reversed(head), reversed(acts[:-1]), reversed(acts[1:]), strict=True):
        if isinstance(m, nn.Linear):
            w, b = _linear_float64(m)
            (r,) = _epsilon_rule(
                [(a_in, w)],
                a_out,
                r,
                bias=b,
                eps=eps,
                bias_factor=bias_factor,
                eps_share=_eps_share(bias_factor, convention),
            )
        # elementwise activations and dropout (inference) pass relevance unchanged
    return r


# -- the public entry point --------------------------------------------------------------------


def _long_target(target: object) -> str:
    """A list or tuple ``target`` of more than :data:`_TARGETS_SHOWN` entries, some no integer,
    told by its count and the first five such entries by position (``a list of 1821 entries,
    1821 of them no integer: `target[0]` = 0.0, ...``); else ``""``. A label per sequence read
    as floats (a column with a gap) was written out whole, 1,821 numbers for SST-2's test set,
    as one out of range was."""
    if not isinstance(target, (list, tuple)) or len(target) <= _TARGETS_SHOWN:
        return ""
    bad = [k for k, e in enumerate(target) if not isinstance(e, numbers.Integral)]
    if not bad:
        return ""
    named = ", ".join(f"`target[{k}]` = {target[k]!r}" for k in bad[:5])
    more = ", ..." if len(bad) > 5 else ""
    return (
        f"a {type(target).__name__} of {len(target)} entries, {len(bad)} of them no integer: "
        f"{named}{more}"
    )


def _is_bool(value: object) -> bool:
    """Whether ``value`` is a bool of Python's or numpy's, or a tensor or array of bools."""
    if isinstance(value, bool | np.bool_):
        return True
    dtype = getattr(value, "dtype", None)
    return dtype == torch.bool or (isinstance(dtype, np.dtype) and dtype == np.bool_)


def _bool_target(target: object, expected: str) -> str:
    """The refusal of a ``target`` that is or holds a bool, by name, or ``""``: torch read
    ``[1, True]`` and ``(True, 0)`` as the indices 1 and 0 without a word (a bool is an int to
    Python), and a target of bools alone was told "non-integers are refused", which True is
    not to its user. Told as the other integer arguments of lstmkit tell a bool, that it is no
    switch, with the ints to pass in its place where they are few."""
    scalar = _is_bool(target) and getattr(target, "ndim", 0) == 0
    if _is_bool(target):
        shown = typed_repr(target) if isinstance(target, bool) else value_repr(target)
        fix = (
            f"an int, e.g. {int(target)}"  # type: ignore[call-overload]
            if scalar
            else "ints, e.g. target.long()"
            if isinstance(target, Tensor)
            else "ints, e.g. target.astype(int)"
        )
        got = shown if scalar else f"{shown}, bools"
    elif isinstance(target, list | tuple):
        bad = [k for k, e in enumerate(target) if _is_bool(e)]
        if not bad and not any(_is_bool(e) for e in _leaves(target)):
            return ""
        kind = type(target).__name__
        # the ints to pass in its place, where each is one (past int64, it is refused next)
        ints = [as_int(e) for e in target]
        flat = all(
            (_is_bool(e) and getattr(e, "ndim", 0) == 0) or (n is not None and abs(n) <= MAX_COUNT)
            for e, n in zip(target, ints, strict=True)
        )
        if len(target) > _TARGETS_SHOWN:
            named = ", ".join(f"`target[{k}]` = {target[k]!r}" for k in bad[:5])
            more = ", ..." if len(bad) > 5 else ""
            which = f": {named}{more}" if bad else ""
            got = f"a {kind} of {len(target)} entries, {len(bad) or 'some'} of them bools{which}"
            fix = "ints"
        else:
            got = f"{typed_repr(target)}, {'bools' if len(bad) == len(target) else 'a bool'}"
            got += "" if len(bad) == len(target) else " among its entries"
            fix = f"ints, e.g. {type(target)(int(e) for e in target)!r}" if flat else "ints"
    else:
        return ""
    return (
        f"{expected}, got {got}: `target` is the index of the output to explain, not a switch; "
        f"pass {fix}."
    )


def _as_target(
    target: int | Sequence[int] | Tensor | None, logits: Tensor, steps: bool = False
) -> Tensor:
    """``target`` checked against ``logits`` [B, C] as one index per sequence; ``steps``: the
    indices are output steps (lrp_seq2seq), as its refusal says."""
    batch, outputs = logits.shape
    if target is None:
        return logits.argmax(dim=1)
    expected = (
        "`target` must be an integer output index, one integer per sequence, or None (the arg-max)"
    )
    if isinstance(target, str):
        raise TypeError(
            f"{expected}, got the string {target!r}: the model has no class names, so map a name "
            "to its index first (e.g. `SentimentPredictor.labels.index(name)`)."
        )
    if refusal := _bool_target(target, expected):
        raise TypeError(refusal)
    try:
        # on the CPU, whatever the default device (a meta one held no values to check)
        t = target if isinstance(target, Tensor) else torch.as_tensor(target, device="cpu")
    except (TypeError, ValueError, RuntimeError):
        # Fraction(1), Decimal(1) (torch makes no tensor of them): numbers, refused as 1.0 is,
        # in a list beside ints too ([1, Fraction(2)]) or nested ([[Fraction(1)]])
        entries = _leaves(target)
        ints = [as_int(e) for e in entries]
        # an int torch holds in no int64: refused as the configs refuse a count; only where
        # all are ints, else ['a', 10**30] hid its text behind the magnitude
        if None not in ints and any(abs(n) > MAX_COUNT for n in ints):
            what = "be an integer" if as_int(target) is not None else "hold integers"
            raise ValueError(
                f"`target` must {what} of magnitude at most 2**63-1 (torch's int64), got "
                f"{plain_repr(target)}."
            ) from None
        numeric = all(isinstance(e, numbers.Number) for e in entries) and any(
            not isinstance(e, numbers.Integral) for e in entries
        )
        tail = "; non-integers are refused" if numeric else ""
        shown = _long_target(target) or typed_repr(target)
        raise TypeError(f"{expected}, got {shown}{tail}.") from None
    # [] is torch's float tensor of nothing: told its count below, not refused as a float
    empty_list = t.numel() == 0 and not hasattr(target, "dtype")
    if (t.is_floating_point() and not empty_list) or t.is_complex() or t.dtype == torch.bool:
        # a tensor's or array's own dtype; a Python 1.0 or True by its type (the "dtype
        # torch.float32" of its conversion here named a tensor the caller never made)
        shown = (
            _with_dtype(target)
            if hasattr(target, "dtype") and not isinstance(target, numbers.Number)
            else _long_target(target) or typed_repr(target)
        )
        raise TypeError(f"{expected}, got {shown}; non-integers are refused.")
    given = t.tolist()  # as given: 5 for 5, [5] for [5]
    if t.dim() > 1:
        # a [2, 2] target for 4 sequences was flattened, its rows read as sequences
        raise ValueError(
            f"`target` must be an integer or one index per sequence ({batch}), a scalar or 1-D, "
            f"got shape {tuple(t.shape)}."
        )
    t = t.long().reshape(-1)
    if t.numel() not in (1, batch):
        raise ValueError(
            f"`target` must be an integer or one index per sequence ({batch}), got "
            f"{t.numel()} values."
        )
    if bool((t < 0).any()) or bool((t >= outputs).any()):
        # "[0, 3)" alone left a user to guess why 3 or -1 (the last, in Python) was refused
        plural = "s" if outputs != 1 else ""
        has = f"forecasts {outputs} step{plural}" if steps else f"gives {outputs} output{plural}"
        back = "; a negative index does not count from the end" if bool((t < 0).any()) else ""
        got = f"{given}"
        if isinstance(given, list) and len(given) > _TARGETS_SHOWN:
            # a label per sequence of a test set was written out whole, 1,821 numbers to find
            # the one out of range in
            out = ((t < 0) | (t >= outputs)).nonzero().flatten().tolist()
            named = ", ".join(f"`target[{k}]` = {given[k]}" for k in out[:5])
            more = ", ..." if len(out) > 5 else ""
            got = f"{len(out)} of {len(given)} entries outside that range: {named}{more}"
        raise ValueError(
            f"`target` must lie in [0, {outputs}) (the model {has} per sequence{back}), got "
            f"{got}: pass an index in that range, or None for the arg-max."
        )
    # after the range: [2] for 2 outputs was told to pass the integer 2, refused next as out of it
    if isinstance(given, list) and len(given) == 1 and batch > 1:
        # [1] for 4 sequences was read as 1 for each, silently; a list is one index per
        # sequence, as Captum's is (its int, like ours, is one for all)
        raise ValueError(
            f"`target` must be an integer or one index per sequence ({batch}), got 1 value "
            f"({given}): pass the integer {given[0]} to explain it for every sequence, or a "
            f"list of {batch}."
        )
    return (t.expand(batch) if t.numel() == 1 else t).to(logits.device)


def _with_dtype(values: Any) -> str:
    """A tensor or array as a refusal of its dtype shows it: its repr, and its dtype where the
    repr does not name it (torch's and numpy's default ones); ``tensor([0., 1.],
    dtype=torch.float64) (dtype torch.float64)`` said it twice."""
    shown = value_repr(values)
    return shown if "dtype=" in shown else f"{shown} (dtype {values.dtype})"


def _leaves(target: object) -> list[object]:
    """The entries of a ``target`` that torch made no tensor of, nested lists, tuples and
    object arrays opened (``[[Fraction(1)], 2]``: ``[Fraction(1), 2]``); a scalar as itself."""
    if getattr(getattr(target, "dtype", None), "kind", None) == "O":  # a numpy object array
        target = list(target.ravel())  # type: ignore[attr-defined]
    if isinstance(target, list | tuple):
        return [leaf for entry in target for leaf in _leaves(entry)]
    return [target]


def _shown_target(target_t: Tensor, target: object, reference: Tensor | None) -> Tensor:
    """``target_t``, or for ``target=None`` the arg-max of the model's own output ``reference``
    where lrp has it: the class (or step) a prediction shows. The float64 recomputation's
    arg-max differs from it on a near tie (two float32 scores equal, their float64 ones not),
    so lrp explained another class than the one predicted, unlike an ensemble's LRP and the
    gradient methods, which take the model's output."""
    if target is not None or reference is None:
        return target_t
    return reference.argmax(dim=1).to(target_t.device)


def _as_lengths(
    lengths: Tensor | Sequence[int] | None,
    batch: int,
    steps: int,
    tokens: bool = False,
    device: torch.device | None = None,
) -> Tensor | None:
    """Validated ``lengths`` of ``inputs``, token ids ``[B, T]`` where ``tokens``; ``device``:
    the inputs', which a refusal of lengths on the meta device names."""
    return (
        None
        if lengths is None
        else check_lengths(lengths, batch, steps, input="inputs", tokens=tokens, device=device)
    )


def check_takes_lengths(model: nn.Module, lengths: object) -> None:
    """Raises ``TypeError`` naming ``lengths`` and the model's class when ``lengths`` is given but
    ``model.forward`` has no ``lengths`` parameter (nor ``**kwargs``) to receive it.

    Every method calls ``model(inputs, lengths=lengths)``; such a model failed there with
    Python's bare "unexpected keyword argument", and ``lrp(..., check=False)``, which does not
    call it, explained the padded sequences as if the model read only their valid steps. A
    forward whose second argument holds the lengths under another name (``text_lengths``) is
    told to name it ``lengths``.
    """
    if lengths is None:
        return
    # a torch.compile wrapper's forward(*args, **kwargs) takes any keyword: read its module's
    model = _compiled_from(model)
    if (signature := _forward_signature(model)) is None:
        return
    named = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
    if any(
        (p.name == "lengths" and p.kind in named) or p.kind == inspect.Parameter.VAR_KEYWORD
        for p in signature.parameters.values()
    ):
        return
    name = type(model).__name__
    expected = (
        "`lengths` needs a model whose forward takes a `lengths` argument (it is called as "
        f"`model(inputs, lengths=lengths)`), got {name} with forward{signature}."
    )
    if _positional_only_lengths(signature):
        # forward(tokens, lengths, /): named `lengths` already, but not to be passed by name
        raise TypeError(f"{expected} {_POSITIONAL_ONLY_LENGTHS.format(name=name)}")
    positional = [
        p
        for p in signature.parameters.values()
        if p.kind in (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    ]
    if len(positional) > 1 and (
        positional[1].default is inspect.Parameter.empty or "len" in positional[1].name.lower()
    ):
        # forward(text, text_lengths): the model reads the lengths under another name (or
        # cannot be called without a second argument), so "reads every step" was untrue
        other = positional[1].name
        raise TypeError(
            f"{expected} If `{other}` holds the sequences' lengths, name it `lengths` in "
            f"{name}.forward: the explanations pass them by that name."
        )
    raise TypeError(
        f"{expected} {name} reads every step, padding included: pass lengths=None to explain "
        "that, or give its forward a `lengths` argument."
    )


# a forward(tokens, lengths, /): the explanations pass `lengths=` by name, which it refuses
_POSITIONAL_ONLY_LENGTHS = (
    "Its `lengths` is positional-only (before the `/`), and the explanations pass it by name: "
    "move the `/` before `lengths` in {name}.forward, or drop it."
)


def _positional_only_lengths(signature: inspect.Signature) -> bool:
    """Whether ``signature`` has a positional-only parameter named ``lengths``."""
    p = signature.parameters.get("lengths")
    return p is not None and p.kind is inspect.Parameter.POSITIONAL_ONLY


def check_no_more_arguments(model: nn.Module, lengths: object, *, explained: bool = False) -> None:
    """Raises ``TypeError`` when ``model.forward`` takes arguments without a default beyond the
    inputs (and ``lengths``, where given), which ``model(inputs)`` leaves out (called once the
    inputs are checked, whose refusal comes first): a forward(tokens, lengths) called without
    ``lengths`` failed inside the explanation with Python's bare "P.forward() missing 1 required
    positional argument: 'lengths'", which named neither the explanation's `lengths` nor a way
    out; and ``lrp(..., check=False)``, which does not call the model, explained it anyway.
    ``explained``: the lengths are an explanation's (:func:`~lstmkit.explain.deletion_curve`,
    which has no ``lengths`` argument: "pass lengths" sent its user looking for one)."""
    model = _compiled_from(model)
    if (signature := _forward_signature(model)) is None:
        return
    positional = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    params = list(signature.parameters.values())
    first = next((p for p in params if p.kind in positional), None)
    required = [
        p.name
        for p in params
        if p is not first
        and p.default is inspect.Parameter.empty
        and p.kind in (*positional, inspect.Parameter.KEYWORD_ONLY)
        # given, `lengths=` fills it (check_takes_lengths refuses a forward it cannot)
        and not (lengths is not None and p.name == "lengths")
    ]
    if not required:
        return
    name = type(model).__name__
    # the parameters as called, without annotations ('torch.Tensor' under
    # `from __future__ import annotations`), which made the line hard to read
    empty = inspect.Parameter.empty
    signature = signature.replace(
        parameters=[p.replace(annotation=empty) for p in params], return_annotation=empty
    )
    call = (
        "the explanations call it as `model(inputs)`, or as `model(inputs, lengths=lengths)` "
        "given `lengths`"
    )
    if "lengths" in required:
        others = [r for r in required if r != "lengths"]
        also = (
            f"; it also needs {and_list([f'`{n}`' for n in others])}, which they never pass: give "
            f"{'it' if len(others) == 1 else 'them'} a default"
            if others
            else ""
        )
        # positional-only, `lengths=` would be refused next: told at once what to change
        slash = (
            f" {_POSITIONAL_ONLY_LENGTHS.format(name=name)}"
            if _positional_only_lengths(signature)
            else ""
        )
        example = "`lengths=torch.tensor([5, 3])` for two sequences of 5 and 3 steps"
        if explained:
            raise TypeError(
                # three sentences: what is missing, how deletion_curve calls the model, what
                # to do (one sentence of 70 words before)
                f"`explanation.lengths` must be given for {name}, whose forward{signature} takes "
                "them without a default, got None. deletion_curve calls it as `model(inputs)`, "
                "or as `model(inputs, lengths=explanation.lengths)` where the explanation has "
                "them. Explain the inputs with each sequence's number of valid steps "
                f"({example}), which the explanation keeps for deletion_curve, or give its "
                f"forward `lengths=None` to score inputs without padding{also}.{slash}"
            )
        raise TypeError(
            f"`lengths` must be given for {name}, whose forward{signature} takes them without a "
            f"default ({call}), got None: pass each sequence's number of valid steps "
            f"({example}), or give its forward `lengths=None` to explain inputs without "
            f"padding{also}.{slash}"
        )
    hint = ""
    if lengths is None and "len" in required[0].lower():
        hint = (
            f" If `{required[0]}` holds the sequences' lengths, name it `lengths` in "
            f"{name}.forward and {'explain with' if explained else 'pass'} `lengths=`: the "
            "explanations pass them by that name."
        )
    raise TypeError(
        f"the explained model's forward must take the inputs alone ({call}), got {name} with "
        f"forward{signature}, which needs {and_list([f'`{n}`' for n in required])} too: give "
        f"{'it' if len(required) == 1 else 'them'} a default in {name}.forward.{hint}"
    )


def check_device(tensor: Tensor, model: nn.Module | None, name: str = "inputs") -> None:
    """Raises ``RuntimeError`` naming ``name`` when ``tensor`` is not on ``model``'s device."""
    param = None if model is None else next(model.parameters(), None)
    if param is not None and tensor.device != param.device:
        raise RuntimeError(
            f"`{name}` is on device {tensor.device}, but the model's parameters are on "
            f"{param.device}; move them to one device (e.g. `{name}.to({str(param.device)!r})`)."
        )


def mps_devices(model: nn.Module) -> list[str]:
    """The MPS devices ``model``'s parameters are on, sorted (none: ``[]``)."""
    return sorted({str(p.device) for p in model.parameters() if p.device.type == "mps"})


def check_values(model: nn.Module, **tensors: object) -> None:
    """Raises ``RuntimeError`` naming the meta device when ``model``'s parameters are there,
    which hold no values to explain (with any of ``tensors``, by name, on meta too), before
    anything is computed: torch's "Tensor.item() cannot be called on meta tensors" came from
    inside lrp, and "Cannot copy out of meta tensor" from inside deletion_curve. (What is no
    module is :func:`check_model`'s to refuse.)"""
    if isinstance(model, nn.Module) and any(p.device.type == "meta" for p in model.parameters()):
        # inputs on meta beside a model elsewhere are told the model's device (check_device)
        on_meta = [f"the parameters of {type(model).__name__}"]
        on_meta += [
            f"`{name}`"
            for name, t in tensors.items()
            if isinstance(t, Tensor) and t.device.type == "meta"
        ]
        raise RuntimeError(
            "explanations compute with the values of the model and its inputs, which the meta "
            "device does not hold; got "
            + " and ".join(on_meta)
            + " on meta. Give the model its weights first (`model.to_empty(device='cpu')`, "
            "then `model.load_state_dict(...)`) and its inputs on the same device."
        )


def check_float64_device(model: nn.Module, **tensors: object) -> None:
    """Raises ``RuntimeError`` when ``model``'s parameters or any of ``tensors`` (by name) are on
    MPS, before anything is computed: every explanation computes in float64, which MPS lacks
    (it failed midway with MPS's "Cannot convert a MPS Tensor to float64 dtype"); and when the
    model's parameters are on the meta device (:func:`check_values`)."""
    check_model(model)
    check_values(model, **tensors)
    on_mps = mps_devices(model)
    found = [f"the parameters of {type(model).__name__} on {', '.join(on_mps)}"] if on_mps else []
    found += [
        f"`{name}` on {t.device}"
        for name, t in tensors.items()
        if isinstance(t, Tensor) and t.device.type == "mps"
    ]
    if found:
        raise RuntimeError(
            "explanations compute in float64, which MPS does not support; got "
            + " and ".join(found)
            + ". Move the model and its inputs to the CPU to explain them: `model.cpu()`, "
            "`inputs.cpu()`."
        )


def _inputs_conversion_hint(
    inputs: object, embedding: nn.Embedding | None, model: nn.Module | None
) -> str:
    """How to make ``inputs`` the tensor an explanation takes, as the layers' refusal says it
    (:func:`~lstmkit.nn.cells._conversion_hint`): a hint beginning with ``"; "``, or ``""``.
    Texts and ragged token ids for a model with an embedding are told to encode and pad them,
    where a conversion to int64 would fail."""
    if embedding is None:
        params = [] if model is None else [p for p in model.parameters() if p.is_floating_point()]
        dtype = params[0].dtype if params else torch.get_default_dtype()
        return cells._conversion_hint(inputs, dtype, "inputs", "the model's dtype")
    first = inputs
    while isinstance(first, (list, tuple)) and first:
        first = first[0]
    if isinstance(first, str) or getattr(getattr(inputs, "dtype", None), "kind", "") in ("U", "S"):
        return (
            "; the explanations take token ids, not text: encode the texts with the model's "
            "vocabulary, `inputs, lengths = pad_batch([vocab.encode(text) for text in texts])` "
            "(lstmkit.text), and pass `lengths=lengths`"
        )
    if (
        isinstance(inputs, (list, tuple))
        and all(isinstance(s, (list, tuple)) for s in inputs)
        and len({len(s) for s in inputs}) > 1
    ):  # ragged, which torch.as_tensor cannot stack
        return (
            "; pad the sequences to one length, `inputs, lengths = pad_batch(inputs)` "
            "(lstmkit.text), and pass `lengths=lengths`"
        )
    return cells._conversion_hint(
        inputs, torch.long, "inputs", "token ids, as nn.Embedding takes them"
    )


def check_inputs(
    inputs: Tensor,
    embedding: nn.Embedding | None,
    model: nn.Module | None = None,
    *,
    takes_lengths: bool = True,
) -> None:
    """Checks what every explanation method is given, before the model sees it.

    With an ``embedding``: integer token ids ``[B, T]`` within the vocabulary; without one: float
    features ``[B, T, F]``. Batch first, at least one time step; ``B`` may be 0. With ``model``,
    on the device of its parameters. ``takes_lengths``: whether the caller takes ``lengths``
    (``lrp_seq2seq`` does not), which a refused ``PackedSequence`` is told to pass.

    Raises:
        TypeError: for a non-tensor (a ``PackedSequence`` told to pass the padded batch and
            its lengths) or the wrong dtype.
        ValueError: for the wrong number of dimensions, no time step or token ids outside
            the embedding (the first five with their positions and how many, in the text
            models' words).
        RuntimeError: for inputs on another device than ``model``.
    """
    if isinstance(inputs, nn.utils.rnn.PackedSequence):
        # the explanations index steps [B, T], which a packed batch interleaves across sequences
        if not takes_lengths:  # told of `lengths` it has no argument for
            raise TypeError(
                "`inputs` must be a Tensor, got PackedSequence: pass the padded batch, "
                "`inputs, _ = pad_packed_sequence(packed, batch_first=True)`, of sequences of "
                "one length (lrp_seq2seq takes no `lengths`: it reads every sequence to its "
                "last step)."
            )
        raise TypeError(
            "`inputs` must be a Tensor, got PackedSequence: pass the padded batch and its "
            "lengths, `inputs, lengths = pad_packed_sequence(packed, batch_first=True)`, and "
            "let the model's forward pack them (it is called as "
            "`model(inputs, lengths=lengths)`)."
        )
    if not isinstance(inputs, Tensor):
        raise TypeError(
            f"`inputs` must be a Tensor, got {type(inputs).__name__}"
            + _inputs_conversion_hint(inputs, embedding, model)
            + "."
        )
    check_device(inputs, model)
    if embedding is not None:
        if inputs.dtype not in (torch.int64, torch.int32):
            # uint8 or int16 ids are integers too, but nn.Embedding indexes with these two only
            fix = (
                ""
                if inputs.is_floating_point() or inputs.dtype == torch.bool
                else "; convert them (`inputs.long()`)"
            )
            raise TypeError(
                "`inputs` must be token ids [B, T] of dtype int64 or int32 (what nn.Embedding "
                f"takes) for a model with an embedding, got dtype {inputs.dtype}{fix}."
            )
        if inputs.dim() != 2:
            raise ValueError(
                f"`inputs` must be token ids of shape [B, T] (batch first) for a model with an "
                f"embedding, got shape {tuple(inputs.shape)}"
                + ("; for one sequence pass `inputs.unsqueeze(0)`." if inputs.dim() == 1 else ".")
            )
    else:
        if not inputs.is_floating_point():
            other = getattr(model, "embedding", None) if model is not None else None
            if isinstance(other, nn.Module) and not any(  # `embedding` an nn.EmbeddingBag
                isinstance(m, nn.Embedding) for m in other.modules()
            ):
                raise TypeError(
                    "`inputs` must be a float tensor [B, T, F] for a model without an "
                    f"nn.Embedding as `embedding`, got dtype {inputs.dtype}: "
                    f"{type(model).__name__}'s `embedding` is {type(other).__name__}, and the "
                    "explanations embed token ids through an nn.Embedding alone, one vector "
                    "per token and step."
                )
            held = _held_embedding_hint(model)
            # a model holding an nn.Embedding elsewhere was told it had none
            whose = "an nn.Embedding as `embedding`" if held else "an embedding"
            raise TypeError(
                f"`inputs` must be a float tensor [B, T, F] for a model without {whose}, "
                f"got dtype {inputs.dtype}.{held}"
            )
        if inputs.dim() != 3:
            raise ValueError(
                f"`inputs` must have shape [B, T, F] (batch first) for a model without an "
                f"embedding, got shape {tuple(inputs.shape)}"
                + ("; for one sequence pass `inputs.unsqueeze(0)`." if inputs.dim() == 2 else ".")
            )
    if inputs.shape[1] == 0:
        raise ValueError(
            f"`inputs` must have at least one time step, got shape {tuple(inputs.shape)}."
        )
    if embedding is not None:
        # the text models' check and message: one min/max read, the bad ids' positions
        check_token_ids(inputs=(inputs, embedding.num_embeddings, _EMBEDDING_ROWS))


def _held_embedding_hint(model: nn.Module | None) -> str:
    """Where ``model`` holds an ``nn.Embedding`` elsewhere than as ``embedding`` (``self.emb``,
    or inside ``nn.Sequential(nn.Embedding(...), nn.Dropout(...))``), a sentence saying to hold
    it there; else ``""``. Its token ids were refused as features of a model without one."""
    if model is None:
        return ""
    name = next((n for n, m in model.named_modules() if isinstance(m, nn.Embedding)), None)
    if name is None:
        return ""
    return (
        f" {type(model).__name__} holds its nn.Embedding as `{name}`, but the explanations "
        "embed token ids through the model's `embedding` alone: hold the nn.Embedding itself "
        "as `embedding`."
    )


def check_options(eps: float, bias_factor: float, convention: str = "equation") -> None:
    """Checks LRP's ``eps`` (positive, finite), ``bias_factor`` (in [0, 1]) and ``convention``,
    all problems in one error: a ``TypeError`` where one is of a wrong type, else a
    ``ValueError`` (``eps=0, bias_factor=2`` was told of ``eps`` alone, as ``--eps 0
    --bias-factor 2`` is not)."""
    problems, wrong_type = _rule_problems(eps, bias_factor)  # the rule's own words
    if not is_choice(convention, CONVENTIONS):  # a str first, as explain's `method`
        error = choice_error(convention, "convention", CONVENTIONS)
        problems.append(str(error))
        wrong_type = wrong_type or isinstance(error, TypeError)
    if problems:
        raise (TypeError if wrong_type else ValueError)(" ".join(problems))


def _embed_inputs(
    walk_embedding: nn.Embedding | None, inputs: Tensor, model: nn.Module | None = None
) -> Tensor:
    """The recurrent input ``[B, T, F]`` in float64: embedded tokens or the continuous inputs."""
    check_inputs(inputs, walk_embedding, model)
    if walk_embedding is not None:
        # the rows read, then converted (exactly): converting the whole table first cost a
        # vocabulary's worth of float64 per batch (SST's 15,000 words x 200: 24 MB); the table
        # as the embedding's next call computes it (a stale weight_norm one was read before)
        table = _weight(walk_embedding, "weight")
        assert table is not None  # an nn.Embedding always has a weight
        rows = table[inputs]
        if walk_embedding.max_norm is not None:  # as the embedding's call renorms them (in place)
            rows = _renormed(rows.detach(), walk_embedding)
        return rows.to(torch.float64)
    return inputs.detach().to(torch.float64)


def _renormed(rows: Tensor, embedding: nn.Embedding) -> Tensor:
    """``rows`` ``[..., F]`` scaled to ``embedding.max_norm`` as its call scales its table's rows,
    by torch's own kernel, on a copy: the table itself is left as it is."""
    flat = rows.reshape(-1, rows.shape[-1]).clone()
    index = torch.arange(flat.shape[0], device=flat.device)
    torch.embedding_renorm_(flat, index, embedding.max_norm, embedding.norm_type)
    return flat.reshape(rows.shape)


def _scores(model: nn.Module, out: object, batch: int | None = None) -> Tensor:
    """``out`` if it is a tensor, else a ``TypeError`` saying what the model returned; of a
    mapping (``{"logits": ...}``), which entries hold a tensor of ``batch`` rows, to return."""
    if not isinstance(out, Tensor):  # a tuple (scores, state), say: ".dim" failed on it
        what = type(out).__name__
        if isinstance(out, tuple | list):
            what += f" of {len(out)}"
        hint = ""
        if isinstance(out, Mapping):
            keys = [
                repr(k)
                for k, v in out.items()
                if isinstance(v, Tensor) and v.dim() > 0 and (batch is None or v.shape[0] == batch)
            ]
            if keys:
                # the entry to return, by its key: a dict's "one tensor" left it to guess
                others = "".join(f" or `output[{k}]`" for k in keys[1:])
                where = "entries that hold" if others else "entry that holds"
                hint = (
                    f": return `output[{keys[0]}]`{others}, the {where} a tensor of one row "
                    "per sequence"
                )
        raise TypeError(
            f"the explained model must return one tensor of scores, got a {what} from "
            f"{type(model).__name__}; its forward must return the scores alone ([B, C]){hint}."
        )
    return out


def _layer_name(model: nn.Module) -> str:
    """The attribute of ``model`` that lrp reads as its recurrent layer, as messages name it:
    ``"encoder"`` for a ForecastNet's (or a model of one's own that calls it so), else
    ``"rnn"``. A hint about a forecaster's network named an `rnn` it lacks."""
    children = dict(model.named_children())
    return "encoder" if "encoder" in children and "rnn" not in children else "rnn"


def _final_states_hint(model: nn.Module, out: Tensor, batch: int, steps: int) -> str:
    """A sentence when the output ``out`` ``[L*D, B, C]`` is a head on all of the final states
    ``h_n`` ``[num_layers * directions, B, H]`` of the model's ``rnn`` (``self.head(h_n)``, the
    ``[-1]`` forgotten), after :func:`_per_step_hint`'s where it reads as an output per time
    step ``[B, T, C]`` too (T = B, or one sequence); else ``""``. It was told of an output per
    time step ``[B, T, C]``."""
    rnn = getattr(model, _layer_name(model), None)
    layers = getattr(rnn, "num_layers", None)
    if out.dim() != 3 or not isinstance(layers, int) or out.shape[1] != batch:
        return ""
    both = bool(getattr(rnn, "bidirectional", False))
    if out.shape[0] != layers * (2 if both else 1):
        return ""  # not h_n's first dimension
    # it reads as outputs per step too, [B, T, C], or one sequence's last step kept as a step,
    # [1, 1, C] (`out[:, -1:]`): told as that, and as h_n (one sequence through a 1-layer rnn,
    # `self.head(h_n)`, was told of the steps alone). B = 2 sequences of a 2-layer rnn,
    # [2, 2, C] from 5 steps, was told of the steps too, though it reads as neither
    either = out.shape[0] == batch and batch in (1, steps)
    fix = "the last layer's, `h_n[-1]`, rather than `h_n`"
    if both:
        # the head took one direction's width, as h_n has it: both directions are twice that
        width = getattr(rnn, "proj_size", 0) or getattr(rnn, "hidden_size", None)
        fix = (
            "the last layer's two directions, `torch.cat([h_n[-2], h_n[-1]], -1)`, rather than "
            "`h_n`" + (f", with a head of {2 * width} inputs" if isinstance(width, int) else "")
        )
    if either:
        return (
            f"{_per_step_hint(model)} Its shape is also that of the head on the final states "
            f"h_n, [num_layers * directions, B, ...]: if it is that, give the head {fix}."
        )
    return (
        " Its shape is that of the head on the final states h_n, [num_layers * directions, B, "
        f"...]: give the head {fix}."
    )


def _per_step_hint(model: nn.Module) -> str:
    """The sentence of an output ``[B, T, C]``, one per time step (see :func:`_as_scores`)."""
    return (
        " An output per time step ([B, T, C]) has no one score per sequence to explain; "
        "wrap the model in an nn.Module whose forward returns the step to explain, e.g. "
        "`model(x)[:, -1]` for the last one (for lrp, a wrapper with the model's "
        f"`{_layer_name(model)}` and `head` as its own submodules)."
    )


def _time_major_rnn(model: nn.Module) -> tuple[str, nn.Module] | None:
    """The name and module of ``model``'s ``rnn`` (or ``encoder``) where it is time-major
    (``batch_first=False``); else None."""
    rnn = getattr(model, "rnn", None)
    rnn = getattr(model, "encoder", None) if rnn is None else rnn
    if not isinstance(rnn, nn.Module) or getattr(rnn, "batch_first", True):
        return None
    return ("rnn" if getattr(model, "rnn", None) is rnn else "encoder"), rnn


def _rnn_calls(
    model: nn.Module,
    rnn: nn.Module,
    call: Callable[[], object],
    read: Callable[[nn.Module, tuple[Any, ...], dict[str, Any]], None],
) -> bool:
    """Runs the model again by ``call()`` (:func:`_model_output`) with ``read(module, args,
    kwargs)`` seeing each call of its ``rnn``; False where the run raised (any exception: it
    ran once, so the hints that read it keep the check's own message)."""
    hook = rnn.register_forward_pre_hook(read, with_kwargs=True)
    try:
        _model_output(model, call)  # type: ignore[arg-type]
    except Exception:
        return False
    finally:
        hook.remove()
    return True


def _batch_first_hint(
    model: nn.Module, inputs: Tensor, call: Callable[[], object] | None = None
) -> str:
    """Why a model may return other than one row per sequence: its ``rnn`` (or ``encoder``)
    is time-major, so it reads the batch-first ``inputs`` transposed; else ``""``.

    With ``call`` (the model run again on ``inputs``), ``""`` too where the time-major layer
    was seen to get them as it reads them: packed, or ``[T, B, ...]`` (``T != B``) from a
    forward that transposes them. Such a model got "build it with batch_first=True" beside
    the output check's true cause (initial states it hands its ``rnn``, say)."""
    if (found := _time_major_rnn(model)) is None:
        return ""
    name, rnn = found
    if call is not None and inputs.dim() >= 2 and inputs.shape[0] != inputs.shape[1]:
        seen: list[object] = []

        def record(module: nn.Module, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
            seen.append(args[0] if args else kwargs.get("input"))

        if not _rnn_calls(model, rnn, call, record):  # the hint stands as it was
            seen.clear()
        got = seen[0] if seen else None
        time_major = (inputs.shape[1], inputs.shape[0])
        if isinstance(got, nn.utils.rnn.PackedSequence) or (
            isinstance(got, Tensor) and got.dim() >= 2 and tuple(got.shape[:2]) == time_major
        ):
            return ""
    return (
        f" Its `{name}` has batch_first=False, so unless forward() transposes `inputs` it reads "
        f"[B, T, ...] = {tuple(inputs.shape)} as [T, B, ...]; build it with batch_first=True."
    )


def _refuse_dtype(model: nn.Module, inputs: Tensor, lengths: Tensor | None, err: Exception) -> None:
    """After ``model`` failed on float ``inputs`` of another dtype than its parameters, a
    ``TypeError`` naming ``inputs`` and both dtypes (torch.nn.LSTM's own "RNN input dtype ...
    does not match weight dtype" names an ``input`` the caller never passed); else nothing.
    Only a failed call is explained so: a model that casts its inputs itself works. Nor is one
    that fails on the inputs in its dtype too: its error is another (a head of the wrong width),
    which converting the inputs would not mend."""
    dtype = _dtype(model)
    if not (inputs.is_floating_point() and dtype.is_floating_point and inputs.dtype != dtype):
        return
    try:
        with torch.no_grad():
            converted = inputs.to(dtype)
            model(converted) if lengths is None else model(converted, lengths=lengths)
    except Exception:  # any: its error, not the re-run's, is the one raised
        return
    raise TypeError(
        f"`inputs` must have the dtype of the model's parameters ({dtype}), got {inputs.dtype}, "
        f"on which {type(model).__name__} failed: convert the inputs (`inputs.to({dtype})`) "
        f"or the model (`model.to({inputs.dtype})`)."
    ) from err


def _width_problem(walk: _Walk, width: int) -> str | None:
    """Why the recurrent input ``[B, T, width]`` (embedded tokens or features) does not fit
    ``walk``'s first layer, or None where it fits."""
    n_in = walk.layers[0][0].weight_ih.shape[1]
    if width == n_in:
        return None
    what = "embedding dimensions" if walk.embedding is not None else "features per step"
    # a ForecastNet's layer is its `encoder`: "the model's `rnn`" named an attribute it lacks
    return (
        f"`inputs` has {width} {what}, but the model's `{walk.rnn_name}` takes input_size={n_in}."
    )


def _refuse_width(model: nn.Module, inputs: Tensor, err: Exception) -> None:
    """After ``model`` failed on features ``inputs`` ``[B, T, F]`` whose ``F`` its ``rnn`` does
    not take, a ``ValueError`` naming ``inputs`` and both sizes, as :func:`lrp` refuses them;
    else nothing. The layer's own message named an ``input`` the caller never passed
    (torch.nn.LSTM's, a ``RuntimeError``: "input.size(-1) must be equal to input_size").
    Only for a model of lrp's parts, whose ``rnn`` reads the inputs as given: one that maps
    them first (a projection, a convolution) fails elsewhere, with its own error."""
    if inputs.is_floating_point() and inputs.dim() == 3:
        try:
            walk = _walk(model)
        except Exception:  # any: not lrp's parts, so the model's error is the one raised
            return
        if walk.embedding is None and (wrong := _width_problem(walk, inputs.shape[2])):
            raise ValueError(wrong) from err


def _call_model(
    model: nn.Module,
    inputs: Tensor,
    lengths: Tensor | None,
    *,
    rows: bool = True,
    returned: list[tuple[int, ...]] | None = None,
) -> Tensor:
    """``model(inputs)`` or ``model(inputs, lengths=lengths)``, as a ``[B, C]`` tensor.

    With ``rows``, an output whose first dimension is not ``B`` is refused too (lrp's output
    check compares whole shapes itself). ``returned``, where given, gets the shape the model
    returned, before a ``[B]`` output is read as ``[B, 1]``: lrp's shape check names it.

    Raises:
        ValueError: for an output with other than 1 or 2 dimensions: one per time step
            ``[B, T, C]`` (flattening it made ``target`` index time steps and classes at once),
            or (with ``rows``) other than one row per sequence, as a time-major model gives.
    """
    try:
        out = model(inputs) if lengths is None else model(inputs, lengths=lengths)
    except (TypeError, ValueError, RuntimeError) as err:
        _refuse_dtype(model, inputs, lengths, err)
        _refuse_width(model, inputs, err)
        raise
    if returned is not None and isinstance(out, Tensor):
        returned.append(tuple(out.shape))
    return _as_scores(model, inputs, out, rows=rows)


def _as_scores(model: nn.Module, inputs: Tensor, out: object, *, rows: bool = True) -> Tensor:
    """``model``'s output ``out`` on ``inputs`` as a ``[B, C]`` tensor, checked as
    :func:`_call_model` checks it (also for an output recorded by :func:`_member_outputs`)."""
    batch = inputs.shape[0]
    out = _scores(model, out, batch)
    if out.dim() not in (1, 2) or (rows and out.shape[0] != batch):
        hint = _batch_first_hint(model, inputs)
        if out.dim() > 2:
            steps = inputs.shape[1]
            hint = _final_states_hint(model, out, batch, steps) or _per_step_hint(model)
        raise ValueError(
            f"the explained model must return scores of shape [B] or [B, C] (B = {batch} "
            f"sequence{'' if batch == 1 else 's'}), got shape {tuple(out.shape)} from "
            f"{type(model).__name__}.{hint}"
        )
    return out.unsqueeze(1) if out.dim() == 1 else out


@contextlib.contextmanager
def explaining(model: nn.Module) -> Iterator[None]:
    """Runs the block with ``model`` in eval mode and its gate traces paused, then restores both.

    Every submodule gets its own mode back (``model.train(was)`` alone would put a submodule the
    caller had frozen in eval mode into the model's mode), and an open :func:`lstmkit.trace`
    does not record the explanation's own (perturbed, repeated) calls of the model. An
    ``nn.Embedding`` with ``max_norm`` gets its table back: each call scales the rows it reads
    in place, which the explanation's calls (of every token, perturbed ones too) must not leave.
    """
    tracers = [(m, m._tracer) for m in model.modules() if getattr(m, "_tracer", None) is not None]
    kept = [
        (m, _ReadRows(table))
        for m in model.modules()
        if isinstance(m, nn.Embedding) and m.max_norm is not None
        for table in [m._parameters.get("weight")]  # None under a parametrization: no edit kept
        if table is not None
    ]
    # registered last: the ids the call reads, after any pre-hook of the caller's changed them
    hooks = [m.register_forward_pre_hook(rows, with_kwargs=True) for m, rows in kept]
    for m, _ in tracers:
        m._tracer = None
    try:
        with evaluating(model):
            yield
    finally:
        for m, tracer in tracers:
            m._tracer = tracer
        for hook in hooks:
            hook.remove()
        for _, rows in kept:
            rows.restore()


class _ReadRows:
    """The rows of a ``max_norm`` nn.Embedding's ``table`` as they were before the calls that
    read them (each call scales the rows it reads, in place), kept by a forward pre-hook at each
    call for the rows not kept yet and written back by :meth:`restore`: those rows alone, where
    a copy of the whole table (50k × 300) cost more than the explanation of a sentence."""

    def __init__(self, table: Tensor) -> None:
        self.table = table
        self.kept = torch.zeros(table.shape[0], dtype=torch.bool, device=table.device)
        self.ids: list[Tensor] = []
        self.rows: list[Tensor] = []

    def __call__(self, module: nn.Module, args: tuple, kwargs: dict[str, Any]) -> None:
        given = args[0] if args else kwargs.get("input")
        rows = len(self.kept)
        with torch.no_grad():
            ids = (
                given.reshape(-1).to(torch.int64).unique()  # sorted
                if isinstance(given, Tensor)
                and given.dtype in (torch.int64, torch.int32)
                and given.device == self.kept.device
                else None
            )
            if ids is None or (len(ids) and (ids[0] < 0 or ids[-1] >= rows)):
                # ids the embedding refuses: every row kept all the same
                ids = torch.arange(rows, device=self.kept.device)
            new = ids[~self.kept[ids]]
            if len(new):
                self.kept[new] = True
                self.ids.append(new)
                self.rows.append(self.table.detach()[new])  # indexing copies them

    def restore(self) -> None:
        """Writes the kept rows back into the table (its ``.grad`` untouched)."""
        with torch.no_grad():
            for ids, rows in zip(self.ids, self.rows, strict=True):
                self.table.index_copy_(0, ids, rows)


def check_model(model: object) -> None:
    """A ``TypeError`` unless ``model`` is an ``nn.Module``: a forward function, as Captum
    takes, failed as "'function' object has no attribute 'parameters'". A model wrapped in
    ``nn.DataParallel`` (or ``DistributedDataParallel``) is refused too: the wrapper holds its
    layers under ``module``, so lrp found no `rnn` and `head`, and the gradient methods took it
    for a model without an embedding and refused its token ids as not float features; so is a
    TorchScript module, whose layers are no longer torch.nn's."""
    if not isinstance(model, nn.Module):
        networks = forecaster_networks(
            model,
            "explain its forecast with lstmkit.explain.explain_forecast(fc), the relevance of "
            "each lag and covariate over its ensemble (its networks are `fc.members_`)",
        )
        raise TypeError(
            f"`model` must be a torch.nn.Module, got {type(model).__name__}"
            + (
                networks
                or ": the explanations read its layers (its embedding; LRP all of them), not "
                "only its outputs"
            )
            + "."
        )
    if isinstance(model, (nn.DataParallel, nn.parallel.DistributedDataParallel)):
        raise TypeError(
            f"`model` must be the module to explain, got a {type(model).__name__} around "
            f"{type(model.module).__name__}: the explanations read its layers (its embedding; "
            "LRP all of them), which the wrapper holds as `module`; pass `model.module`."
        )
    if isinstance(model, torch.jit.ScriptModule):
        # its submodules are ScriptModules too: lrp refused its `embedding` as not an
        # nn.Embedding, and the gradient methods found no embedding and refused token ids
        name = getattr(model, "original_name", "the model")
        raise TypeError(
            f"`model` must be the module to explain, got a TorchScript {type(model).__name__} "
            f"of {name}: the explanations read its layers (its embedding; LRP all of them) as "
            f"the torch.nn modules they are, which TorchScript replaces; explain the {name} "
            "before torch.jit.script or torch.jit.trace, or load the scripted weights into "
            f"one (`{name}(...).load_state_dict(scripted.state_dict())`)."
        )


def _forward_signature(model: nn.Module) -> inspect.Signature | None:
    """The signature of ``model.forward``, or None where it has none to read (a builtin): the
    call itself then decides."""
    try:
        return inspect.signature(model.forward)
    except (TypeError, ValueError):
        return None


def _compiled_from(model: nn.Module) -> nn.Module:
    """The module ``torch.compile`` compiled, when ``model`` is its wrapper (which holds it as
    ``_orig_mod`` and computes its function), else ``model``.

    lrp reads the layers by their names: the wrapper's one child, ``_orig_mod``, was refused as
    a model without `rnn` and `head`, and its ``forward(*args, **kwargs)`` hid whether the model
    takes ``lengths``.
    """
    inner = getattr(model, "_orig_mod", None)
    return inner if isinstance(inner, nn.Module) else model


def _members(model: nn.Module) -> nn.ModuleList | None:
    """The members of an ensemble (a model with a ``members`` ModuleList), else None; the
    first look at ``model`` of every entry point, so it checks that it is a module."""
    check_model(model)
    members = getattr(model, "members", None)
    return members if isinstance(members, nn.ModuleList) else None


@contextlib.contextmanager
def _member_outputs(
    members: nn.ModuleList, inputs: Tensor, lengths: Tensor | None
) -> Iterator[list[Tensor | None]]:
    """Records, while the block calls the ensemble, each member's output on exactly ``inputs``
    and ``lengths`` (the same objects: a member called once with them, as
    :class:`~lstmkit.text.ClassifierEnsemble` calls each), else None for that member (called
    with other inputs, or not once), so that :func:`lrp` checks its recomputation against that
    output instead of running the member again."""
    calls: list[list[object]] = [[] for _ in members]

    def recorder(k: int) -> Callable[..., None]:
        def hook(_: nn.Module, args: tuple, kwargs: dict, out: object) -> None:
            given = [*args, *kwargs.values()]
            mine = set(kwargs) <= {"lengths"} and bool(given) and given[0] is inputs
            if len(given) == 2:  # model(x, lengths) or model(x, lengths=...), None too
                mine = mine and given[1] is lengths
            else:  # model(x): the same call only without lengths (else it read the padding)
                mine = mine and lengths is None
            if mine and len(given) <= 2 and isinstance(out, Tensor):
                # a copy: an ensemble may go on to change its members' outputs in place
                calls[k].append(out.detach().clone())
            else:
                calls[k].append(None)

        return hook

    handles = [
        m.register_forward_hook(recorder(k), with_kwargs=True) for k, m in enumerate(members)
    ]
    outputs: list[Tensor | None] = [None] * len(members)
    try:
        yield outputs
    finally:
        for handle in handles:
            handle.remove()
    for k, (member, seen) in enumerate(zip(members, calls, strict=True)):
        if len(seen) == 1 and isinstance(seen[0], Tensor):
            outputs[k] = _as_scores(member, inputs, seen[0], rows=False)


def mean_over_members(
    explain_one: Callable[..., Explanation],
    model: nn.Module,
    inputs: Tensor,
    target: int | Sequence[int] | Tensor | None,
    lengths: Tensor | Sequence[int] | None,
    *,
    known: tuple[Tensor, Sequence[Tensor | None]] | None = None,
    **options: object,
) -> Explanation:
    """Explains an ensemble whose output is the mean of its members' outputs.

    The target (by default the ensemble's arg-max) is resolved once; each member is explained for
    it with ``explain_one`` and the relevances, scores and initial-state shares are averaged. For
    a method that is linear in the explained score (LRP, gradient × input, integrated gradients,
    occlusion) this *is* the explanation of the ensemble's score, and conservation carries over.
    For sensitivity, which is not, it is the mean of the members' squared gradients: each member
    embeds the tokens itself, so they share no input whose gradient could be averaged first.

    ``known``: the ensemble's output and each member's (or None) on ``inputs``, where a caller
    has them (a prediction's); else the ensemble runs here, and LRP checks each member against
    the output it gave in that run rather than running it again.

    Raises:
        TypeError: if ``model`` has no ``members`` ModuleList (or an empty one).
        RuntimeError: if the ensemble's output is not the mean of its members' outputs.
    """
    members = _members(model)
    if members is None or len(members) == 0:
        raise TypeError(f"{type(model).__name__} has no `members` to average over.")
    check_float64_device(model, inputs=inputs)
    check_takes_lengths(model, lengths)
    emb = getattr(members[0], "embedding", None)
    check_inputs(inputs, emb if isinstance(emb, nn.Embedding) else None, model)
    check_no_more_arguments(model, lengths)
    batch, steps = inputs.shape[:2]
    lengths_t = _as_lengths(lengths, batch, steps, inputs.dim() == 2, inputs.device)
    if known is not None:
        logits, seen = known
    else:
        with (
            explaining(model),
            torch.no_grad(),
            _member_outputs(members, inputs, lengths_t) as seen,
        ):
            logits = _call_model(model, inputs, lengths_t)
    target_t = _as_target(target, logits)
    if explain_one is lrp:  # each member checked against its output above, not run again
        lrp_options: dict[str, Any] = dict(options)
        parts = [
            _lrp(m, inputs, target_t, lengths=lengths_t, output=out, **lrp_options)
            for m, out in zip(members, seen, strict=True)
        ]
    else:
        parts = [explain_one(m, inputs, target_t, lengths=lengths_t, **options) for m in members]
    score = torch.stack([p.score for p in parts]).mean(dim=0)
    expected = logits.gather(1, target_t.unsqueeze(1)).squeeze(1).to(score.dtype)
    # members and ensemble round alike only to their dtype's precision (bfloat16: 8e-3); NaN in
    # both (a sequence's NaN inputs) is no difference, as in lrp's output check
    rtol = max(1e-4, 8 * torch.finfo(logits.dtype).eps) if logits.is_floating_point() else 1e-4
    if not torch.allclose(score, expected, rtol=rtol, atol=rtol / 10, equal_nan=True):
        raise RuntimeError(
            f"{type(model).__name__}'s output is not the mean of its members' outputs "
            f"(target scores {expected.tolist()} vs member mean {score.tolist()})."
        )

    def mean(name: str) -> Tensor | None:
        values = [getattr(p, name) for p in parts]
        return None if any(v is None for v in values) else torch.stack(values).mean(dim=0)

    return Explanation(
        relevance=mean("relevance"),  # type: ignore[arg-type]
        relevance_per_feature=mean("relevance_per_feature"),
        score=score,
        target=target_t,
        initial_state=mean("initial_state"),  # type: ignore[arg-type]
        lengths=lengths_t,
        method=parts[0].method,
        output=logits,
        inputs=inputs.detach().clone(),
        baseline_score=mean("baseline_score"),
    )


# not under torch.no_grad() itself (_lrp is): its decorator's frame, outside lstmkit, was where
# the warning of blown-up relevances pointed, not the caller's line
def lrp(
    model: nn.Module,
    inputs: Tensor,
    target: int | Sequence[int] | Tensor | None = None,
    *,
    lengths: Tensor | Sequence[int] | None = None,
    eps: float = 1e-3,
    bias_factor: float = 0.0,
    check: bool = True,
    convention: Convention = "equation",
) -> Explanation:
    r"""Explains the ``target`` output of ``model`` on a batch by layer-wise relevance propagation.

    Relevance starts at the raw (pre-softmax) score of the target and flows back through the head
    (epsilon rule), the readout and every recurrent layer and direction (the LSTM/GRU rules of
    :mod:`lstmkit.explain.rules`, Arras et al. 2017, 2019) to the inputs. All sequences of the batch
    go backwards over time together. The model is explained in inference mode (dropout off);
    every submodule keeps the mode it had.

    Args:
        model: A module with submodules ``rnn`` (LSTM/GRU, lstmkit's or torch's) and ``head``
            (``nn.Linear`` or an ``nn.Sequential`` of Linear and elementwise activations),
            optionally ``embedding`` (``nn.Embedding``), and dropout or identity layers (no-ops
            in inference) anywhere; other submodules, and parameters the model holds itself,
            are refused by name. An attribute ``readout`` (``"last"``,
            ``"mean"``, ``"max"``; default ``"last"``) says how the head sees the recurrent outputs,
            as :class:`lstmkit.text.TextClassifier`. It is called ``model(inputs[, lengths=...])``
            and returns ``[B, C]`` (or ``[B]``) raw scores, not probabilities (a softmax or
            sigmoid of them is named by the output check); an output per time step ``[B, T, C]`` is
            refused (wrap the model to return the step to explain). An ensemble (a ``members``
            ModuleList whose mean output is the model's, as
            :class:`lstmkit.text.ClassifierEnsemble`) gets the mean of its members' LRP
            (:func:`mean_over_members`). A ``torch.compile`` wrapper is read as the module it
            compiled; ``nn.DataParallel`` and TorchScript modules are refused (pass
            ``model.module``, or the Python module with the scripted ``state_dict()``).
        inputs: Token ids ``[B, T]`` (with an embedding; every id below the embedding's size) or
            features ``[B, T, F]``, batch first, ``T >= 1``. One sequence is a batch of one
            (``inputs.unsqueeze(0)``); a 1-D tensor is refused. ``B = 0`` gives empty results.
        target: Output index to explain: an int, one int per sequence, or None for the arg-max
            of the model's own output, the class a prediction shows (with ``check=False``,
            which does not call the model, of the float64 recomputation; the two differ only
            on a near tie; an ensemble is called for its mean either way). Floats, bools and
            class names (strings) are refused.
        lengths: True lengths ``[B]`` of right-padded sequences, or None. They are passed to the
            model (``lengths=``), so its forward must take them.
        eps: Stabilizer :math:`\epsilon > 0` of the epsilon rule, finite, at least 2.2e-308
            (float64's smallest normal number). Its share is handed down
            (``convention="equation"``), so a large ``eps`` spreads relevance evenly over the
            lower units rather than absorbing it, as ``"lrp_for_lstm"`` at ``bias_factor=0``
            (and Captum's and zennit's epsilon rule) does.
        bias_factor: :math:`\delta \in [0, 1]`, the share of each bias handed down: 0 lets the
            biases absorb their share (as in the equation of Arras et al. 2017); 1 hands it to
            the lower units too, so that input relevance plus initial-state relevance equals the
            score exactly. The stabilizer's share is always handed down (the authors' later code
            scales it by ``bias_factor`` too; see ``convention``).
        convention: ``"equation"`` (default): the epsilon rule as written in Arras et al.
            (2017). ``"lrp_for_lstm"``: as the authors' later code (LRP_for_LSTM's
            ``lrp_linear``), which scales the stabilizer's share by ``bias_factor`` as well and
            splits the sums ``c_t = f c_{t-1} + i g`` (and a GRU's ``h_t``) through identity
            matrices, spreading each unit's share over all ``2H`` terms. The two agree as
            ``eps`` goes to 0.
        check: Compare the float64 recomputation with ``model``'s own output and raise if they
            differ (a model with structure this walk does not model). With ``check=False`` the
            model is not called, so neither is its output's shape checked.

    Returns:
        An :class:`~lstmkit.explain.Explanation` with ``relevance`` ``[B, T]`` (per token: summed
        over embedding dimensions), ``relevance_per_feature`` ``[B, T, F]``, ``score``,
        ``initial_state`` (relevance left on :math:`h_0, c_0`) and ``target``.

    Raises:
        TypeError: for a model or module lrp does not support (named in the message), a
            ``target``, ``inputs``, ``eps``, ``bias_factor``, ``convention``, ``check`` or model
            ``readout`` of the wrong type, ``lengths`` for a model whose forward takes no
            ``lengths``, or none for one whose forward needs them (or another argument without
            a default).
        ValueError: for bad ``target``, ``lengths``, ``eps``, ``bias_factor``, ``convention``,
            ``inputs`` (shape, token ids, features of another width than the ``rnn`` takes) or
            model ``readout`` (none of ``'last'``, ``'mean'``, ``'max'``), and (with ``check``)
            for a model output other than ``[B]`` or ``[B, C]``.
        RuntimeError: when ``check`` finds the recomputation differs from the model (first
            comparing the output shapes, e.g. for an ``rnn`` with ``batch_first=False``; the
            message names another readout, a mean over padding, the output at one step or an
            output that changes from call to call when the model's output is that), for
            ``inputs`` on another device than the model's parameters, and for a model or
            ``inputs`` on MPS, which has no float64.

    Warns:
        UserWarning: where a sequence's relevances blew up through its steps: the largest
            ``|relevance|`` (or their sum) over 1e6 times the score (a score of 0: times the
            sum of ``|input × gradient|``), or inf or NaN; it names the sequence and advises a
            larger ``eps``. The numbers stay as computed.

    Example:
        >>> from lstmkit.text import TextClassifier
        >>> model = TextClassifier(20, 4, 3, 2).double()
        >>> ex = lrp(model, torch.tensor([[3, 4, 5]]), bias_factor=1.0)
        >>> bool(torch.allclose(ex.relevance.sum(1) + ex.initial_state, ex.score))
        True
    """
    ex = _lrp(
        model,
        inputs,
        target,
        lengths=lengths,
        eps=eps,
        bias_factor=bias_factor,
        check=check,
        convention=convention,
    )
    warn_if_blown_up(model, ex, eps)
    return ex


def warn_if_blown_up(
    model: nn.Module,
    ex: Explanation,
    eps: float,
    reference: Callable[[], Sequence[float]] | None = None,
    future: Tensor | None = None,
) -> None:
    """Warns where the relevances of a sequence of ``ex`` (LRP's of ``model``) blew up through
    its steps (:func:`~lstmkit.explain._blown.blown_rows`): a long series' relevances grew to
    1e+108 with no word about them. Nothing is said inside a caller that warns for the whole.
    ``reference`` gives each sequence's sum of ``|input × gradient|`` (by default that of
    ``explain(model, ex.inputs, ...)``, which an encoder-decoder is not called as); ``future``,
    an encoder-decoder's decoder inputs, is checked for NaN and inf as ``ex.inputs`` is."""
    from lstmkit.explain._blown import (
        BLOWN_UP,
        blown_rows,
        gradient_totals,
        is_quiet,
        not_finite_inputs,
        warn_blown_up,
    )

    if is_quiet():
        return
    # NaN or inf inputs, told as the cause (once, by explain), are no blow-up to fix by eps
    told = None if ex.inputs is None else not_finite_inputs(ex.inputs, ex.lengths)
    # a NaN in the decoder's inputs made its relevances NaN without a word
    told_future = None if future is None else not_finite_inputs(future, None, "future")
    if told_future is not None:
        told = told_future if told is None else told | told_future.to(told.device)
    relevance, score = ex.relevance.detach().cpu(), ex.score.detach().cpu()
    batch, steps = relevance.shape
    lengths = [steps] * batch if ex.lengths is None else ex.lengths.cpu().tolist()
    # on the CPU, as the relevances: a default device of 'meta' would make them meta
    cpu = torch.device("cpu")
    valid = torch.arange(steps, device=cpu) < torch.tensor(
        lengths, dtype=torch.long, device=cpu
    ).reshape(-1, 1)
    relevance = relevance.masked_fill(~valid if told is None else ~valid | told.cpu()[:, None], 0.0)
    big = torch.maximum(relevance.abs().amax(dim=1), relevance.sum(dim=1).abs())
    # only a sequence past the score's bound (or not finite: NaN passes no bound) is read
    # further, as a list; a batch of a thousand long sequences was otherwise listed whole
    if bool((big <= BLOWN_UP * score.abs()).all()):
        return
    rows = [relevance[b, : int(n)].tolist() for b, n in enumerate(lengths)]

    def gradients() -> list[float]:  # the default reference, computed only where one is read
        return gradient_totals(model, ex)

    reference = gradients if reference is None else reference
    blown = blown_rows(rows, score.tolist(), reference, eps=float(eps))
    if blown:
        warn_blown_up(blown, batch, float(eps))


@torch.no_grad()
def _lrp(
    model: nn.Module,
    inputs: Tensor,
    target: int | Sequence[int] | Tensor | None = None,
    *,
    lengths: Tensor | Sequence[int] | None = None,
    eps: float = 1e-3,
    bias_factor: float = 0.0,
    check: bool = True,
    convention: Convention = "equation",
    output: Tensor | None = None,
) -> Explanation:
    """:func:`lrp`, given where the caller has it the model's own ``output`` ``[B, C]`` on
    ``inputs`` (and ``lengths``), which the check then compares instead of running the model
    once more: a prediction's, or an ensemble member's recorded by :func:`mean_over_members`.
    The relevances are the same; ``output`` is ignored for an ensemble and without ``check``."""
    check_options(eps, bias_factor, convention)
    # a Fraction, or an int of 2**64 or more, is a real number a tensor refuses to multiply
    eps, bias_factor = float(eps), float(bias_factor)
    check = as_bool(check, "check")  # "no" would be truthy
    check_float64_device(model, inputs=inputs)
    model = _compiled_from(model)
    check_takes_lengths(model, lengths)
    if _members(model) is not None:
        return mean_over_members(
            lrp,
            model,
            inputs,
            target,
            lengths,
            eps=eps,
            bias_factor=bias_factor,
            check=check,
            convention=convention,
        )
    # every weight read as the model computes with it in eval mode (a weight dropout, a
    # parametrization, drops nothing), as the model's own call below computes it
    with evaluating(model):
        walk = _walk(model)
        x = _embed_inputs(walk.embedding, inputs, model)  # [B, T, F]
        check_no_more_arguments(model, lengths)
        batch, steps = x.shape[:2]
        if (wrong := _width_problem(walk, x.shape[2])) is not None:
            raise ValueError(wrong)
        lengths = _as_lengths(lengths, batch, steps, walk.embedding is not None, x.device)
        # The model is called first, so that an output lrp cannot explain (one per time step, say)
        # is refused before the recomputation, and before `target` is read against it.
        reference = None
        returned: list[tuple[int, ...]] = []  # the shape the model returned, [B] as [B]
        if check and output is not None:
            reference = output
        elif check:
            reference = _model_output(
                model, lambda: _call_model(model, inputs, lengths, rows=False, returned=returned)
            )
        mask = None
        if lengths is not None:
            mask = _real_steps(lengths, steps).to(x.device)  # [T, B]
            if bool(mask.all()):
                mask = None
        len_for_mean = (
            torch.full((batch,), steps, device=x.device) if lengths is None else lengths
        ).to(x.device)

        forward = _lstm_forward if walk.kind == "LSTM" else _gru_forward
        backward = _lstm_relevance if walk.kind == "LSTM" else _gru_relevance
        layer_in = x.transpose(0, 1)  # [T, B, F], time-major inside
        saved = []
        finals: list[Tensor] = []
        for dirs in walk.layers:
            outs, finals, recs = [], [], []
            for p in dirs:
                out, h_n, rec = forward(layer_in, p, mask)
                outs.append(out)
                finals.append(h_n)
                recs.append(rec)
            saved.append((layer_in, recs))
            layer_in = torch.cat(outs, dim=-1)  # [T, B, D*H]
        del outs  # the last layer's outputs are in layer_in
        s = _readout_forward(walk.readout, layer_in, finals, mask, len_for_mean)
        acts = _head_forward(walk.head, s)
        logits = acts[-1]
        target_t = _as_target(target, logits)

        if reference is not None:
            # the model run again, as the hints below read it (only when the check fails)
            again = functools.partial(_call_model, model, inputs, lengths, rows=False)

            # lrp reads `inputs` batch first; a time-major rnn sees them transposed, unless
            # forward transposes them
            def hint() -> str:
                return _batch_first_hint(model, inputs, again)

            _check_recomputation(
                "lrp",
                model,
                reference,
                logits,
                shapes=f"[B, C] for B={batch} sequence{'' if batch == 1 else 's'}",
                # the parts as the model has them: a ForecastNet's layer is its `encoder`,
                # and a model of features has no embedding
                pipeline=(
                    ("embedding → " if walk.embedding is not None else "")
                    + f"{walk.rnn_name} → readout {walk.readout!r} → head"
                ),
                hint=hint,
                returned=returned[0] if returned else None,
                near=lambda: (
                    _random_output_hint(model, reference, again)
                    or _rnn_call_hint(
                        model,
                        walk,
                        again,
                        lengths,
                        steps,
                        batch,
                    )
                    or _score_map_hint(model, reference, logits)
                    or (
                        _padding_read_hint(model, walk, reference, x.transpose(0, 1))
                        if mask is not None
                        else ""
                    )
                    or _readout_hint(
                        model,
                        walk,
                        reference,
                        layer_in,
                        finals,
                        mask,
                        len_for_mean,
                        [rec["c_n"] for rec in saved[-1][1]] if walk.kind == "LSTM" else None,
                    )
                ),
            )
            target_t = _shown_target(target_t, target, reference)

        score = logits.gather(1, target_t.unsqueeze(1)).squeeze(1)
        r = torch.zeros_like(logits).scatter_(1, target_t.unsqueeze(1), score.unsqueeze(1))
        r_s = _head_relevance(walk.head, acts, r, eps, bias_factor, convention)
        num_dir = len(walk.layers[0])
        r_out, r_finals = _readout_relevance(
            walk.readout,
            r_s,
            s,
            layer_in,
            num_dir,
            mask,
            len_for_mean,
            eps,
            bias_factor,
            convention,
        )
        initial = x.new_zeros(batch)
        for li in range(len(walk.layers) - 1, -1, -1):
            layer_x, recs = saved.pop()  # freed once this layer is done: [T, B, H] records
            r_in = None
            outs_r = [None] * num_dir if r_out is None else list(r_out.chunk(num_dir, dim=-1))
            for d, p in enumerate(walk.layers[li]):
                r_hn = r_finals[d] if li == len(walk.layers) - 1 else None
                r_x, r_init = backward(
                    layer_x, p, recs[d], mask, outs_r[d], r_hn, eps, bias_factor, convention
                )
                r_in = r_x if r_in is None else r_in + r_x
                initial = initial + r_init
            r_out = r_in
        per_feature = r_out.transpose(0, 1)  # [B, T, F]
        return Explanation(
            relevance=per_feature.sum(dim=2),
            relevance_per_feature=per_feature,
            score=score,
            target=target_t,
            initial_state=initial,
            lengths=lengths,
            method="lrp",
            output=reference,
            inputs=inputs.detach().clone(),
        )


# -- encoder-decoder (seq2seq) models ----------------------------------------------------------


@dataclass(frozen=True)
class _Seq2SeqWalk:
    """What :func:`lrp_seq2seq` needs from a model: one direction per layer and the head."""

    kind: str  # "LSTM" or "GRU", the same for encoder and decoder
    encoder: list[_Direction]
    decoder: list[_Direction]
    head: list[nn.Module]


def _walk_seq2seq(model: nn.Module) -> _Seq2SeqWalk:
    """Finds ``encoder`` → ``decoder`` → ``head`` in ``model``; raises naming every problem."""
    children = dict(model.named_children())
    if any(name not in children for name in ("encoder", "decoder", "head")):
        raise TypeError(
            "lrp_seq2seq needs a model with submodules `encoder` and `decoder` (LSTM/GRU) and "
            f"`head`; {type(model).__name__} has {sorted(children)}."
        )
    _check_parts("lrp_seq2seq", model, children, ("encoder", "decoder", "head"), "")
    encoder, decoder = children["encoder"], children["decoder"]
    kinds = {}
    for name, rnn in (("encoder", encoder), ("decoder", decoder)):
        kinds[name] = _rnn_kind(rnn)
        if kinds[name] is None:
            raise TypeError(
                f"lrp_seq2seq does not support the module `{name}` ({type(rnn).__name__}); "
                "supported: lstmkit.nn.LSTM, lstmkit.nn.GRU, torch.nn.LSTM, torch.nn.GRU."
                # an nn.Sequential of one LSTM named as lrp names it (it was refused bare)
                + _held_layers_hint(rnn, name, "lrp_seq2seq")
            )
    problems = []
    if kinds["encoder"] != kinds["decoder"]:
        problems.append(
            f"the encoder is of kind {kinds['encoder']}, the decoder {kinds['decoder']}"
        )
    for name, rnn in (("encoder", encoder), ("decoder", decoder)):
        if rnn.bidirectional:
            problems.append(f"the {name} is bidirectional")
    for attr in ("num_layers", "hidden_size", "proj_size"):  # proj_size: h_n's size
        if attr == "proj_size" and not (encoder.proj_size or decoder.proj_size):
            continue
        if getattr(encoder, attr) != getattr(decoder, attr):
            problems.append(
                f"`{attr}` is {getattr(encoder, attr)} in the encoder, "
                f"{getattr(decoder, attr)} in the decoder"
            )
    if problems:
        raise TypeError(
            "lrp_seq2seq explains a unidirectional decoder that starts from the final states of "
            "a unidirectional encoder of the same kind and size: " + "; ".join(problems) + "."
        )
    head = _read_head(children["head"], "lrp_seq2seq")
    kind = str(kinds["encoder"])  # both were checked above: "LSTM" or "GRU"
    enc, dec = ([dirs[0] for dirs in _read_directions(rnn, kind)] for rnn in (encoder, decoder))
    _check_head_input(
        "lrp_seq2seq",
        head,
        dec[-1].weight_hh.shape[1],  # hidden_size, or proj_size with a projection
        "outputs of the decoder's last layer",
    )
    return _Seq2SeqWalk(kind, enc, dec, head)


def _slopes_per_step_hint(head: nn.Module) -> str:
    """A sentence naming every PReLU of more than one slope in a seq2seq ``head`` (else ``""``),
    for a model whose output differs from lrp_seq2seq's recomputation.

    lrp_seq2seq gives each of the decoder's ``H`` features its slope, as the head computes on
    ``[B·T', H]`` (``head(out.reshape(-1, H))``) or step by step on ``[B, H]``; a head called on
    ``[B, T', H]`` itself takes the slopes along dimension 1, the steps (torch's PReLU reads
    dimension 1 as its channels), and fails unless ``T'`` is their number."""
    found = [
        f"`{name}` (PReLU with {m.num_parameters} slopes)"
        for name, m in _flat_head(head, "head")
        if isinstance(m, nn.PReLU) and m.num_parameters > 1
    ]
    if not found:
        return ""
    return (
        " Its head has "
        + and_list(found)
        + ": lrp_seq2seq gives each of the decoder's H features its slope, as the head computes "
        "on [B·T', H] (`head(out.reshape(-1, H))`), but torch's PReLU takes its slopes along "
        "dimension 1, so a head called on the decoder's outputs [B, T', H] gives each of the T' "
        "steps its own; call the head on [B·T', H], or use nn.PReLU() (one slope)."
    )


def _check_future(future: Tensor, batch: int, n_in: int) -> None:
    if not isinstance(future, Tensor):
        raise TypeError(f"`future` must be a Tensor, got {type(future).__name__}.")
    if not future.is_floating_point():
        raise TypeError(f"`future` must be a float tensor [B, T', F'], got dtype {future.dtype}.")
    problems = []
    if future.dim() != 3:
        problems.append(f"shape [B, T', F'] (batch first), got {tuple(future.shape)}")
    else:
        if future.shape[0] != batch:
            problems.append(f"one row per sequence of `inputs` ({batch}), got {future.shape[0]}")
        if future.shape[1] == 0:
            problems.append("at least one step, got 0")
        if future.shape[2] != n_in:
            problems.append(
                f"{n_in} features per step (the decoder's input_size), got {future.shape[2]}"
            )
    if problems:
        raise ValueError("`future` must have " + "; ".join(problems) + ".")


def lrp_seq2seq(
    model: nn.Module,
    inputs: Tensor,
    future: Tensor,
    target: int | Sequence[int] | Tensor | None = None,
    *,
    eps: float = 1e-3,
    bias_factor: float = 0.0,
    check: bool = True,
    convention: Convention = "equation",
) -> Seq2SeqExplanation:
    r"""Explains output step ``target`` of an encoder-decoder model by LRP.

    The model (as :class:`lstmkit.forecast.ForecastNet` with ``strategy="seq2seq"``) runs an
    ``encoder`` over ``inputs``, a ``decoder`` of the same kind over ``future`` starting from the
    encoder's final states (layer ``k`` from layer ``k``), and a ``head`` on every decoder output:
    output step ``k`` is ``head(decoder_out[k])``, one number. Relevance starts at that raw
    output, passes the head (epsilon rule), the decoder backwards over steps ``k, ..., 0`` (every
    layer) to the decoder inputs and to its initial states, and from those, as relevance of the
    encoder's final :math:`h_T` (and :math:`c_T`), backwards through every encoder layer to
    ``inputs``. The rules are :func:`lrp`'s.

    Args:
        model: A module with submodules ``encoder`` and ``decoder`` (both LSTM or both GRU,
            lstmkit's or torch's, unidirectional, batch first, equal ``num_layers``,
            ``hidden_size`` and ``proj_size``) and ``head`` (as for :func:`lrp`, one output per
            step; a PReLU of several slopes gives each of the ``H`` features its own, as the
            head computes on ``[B·T', H]``: on ``[B, T', H]`` torch's PReLU gives them to the
            steps, which the output check refuses, naming it), called
            ``model(inputs, future)`` and returning ``[B, T']``.
        inputs: Encoder inputs ``[B, T, F]``, batch first.
        future: Decoder inputs ``[B, T', F']``.
        target: Output step to explain (``0 <= target < T'``): an int, one per sequence, or None
            (the arg-max of the model's own output, as for :func:`lrp`).
        eps, bias_factor, check, convention: as for :func:`lrp`.

    Returns:
        A :class:`~lstmkit.explain.explanation.Seq2SeqExplanation`: ``relevance`` ``[B, T]`` and
        ``relevance_per_feature`` ``[B, T, F]`` of ``inputs``, ``decoder_relevance``
        ``[B, T', F']`` of ``future``, ``initial_state`` (relevance left on the encoder's zero
        initial states), ``score`` and ``target``. With ``bias_factor=1``, all of it sums to
        ``score`` (``residual`` is zero up to rounding).

    Raises:
        TypeError: for a model lrp_seq2seq does not support (named in the message), or inputs,
            ``eps``, ``bias_factor``, ``convention`` or ``check`` of the wrong type.
        ValueError: for bad ``inputs``, ``future``, ``target``, ``eps``, ``bias_factor`` or
            ``convention``.
        RuntimeError: when ``check`` finds the recomputation differs from the model (named
            with an output that changes from call to call where it does; or the model fails on
            the batch-first ``inputs``, named with the hint that its ``encoder`` has
            ``batch_first=False`` where it has), for ``inputs`` or ``future`` on another
            device than the model's parameters, and for any of them on MPS, which has no
            float64.

    Warns:
        UserWarning: as :func:`lrp` does, where the relevance of a sequence's ``inputs`` (into
            which the decoder's flows) blew up through its steps; a score of 0 is compared with
            the sum of ``|input × gradient|`` over ``inputs`` and ``future``.
        UserWarning: where ``inputs`` or ``future`` hold NaN or inf at a step, naming the
            argument, the sequences and the first entry (their relevances are NaN, not blown up).

    Example:
        >>> from lstmkit.forecast import ForecastNet
        >>> net = ForecastNet("lstm", 3, 4, 1, decoder_input_size=2).double()
        >>> x, fut = torch.randn(1, 6, 3).double(), torch.randn(1, 4, 2).double()
        >>> ex = lrp_seq2seq(net, x, fut, 2, bias_factor=1.0)
        >>> bool(ex.residual.abs().max() < 1e-9)
        True
    """
    ex = _lrp_seq2seq(
        model,
        inputs,
        future,
        target,
        eps=eps,
        bias_factor=bias_factor,
        check=check,
        convention=convention,
    )
    # the decoder's relevance flows on into the encoder: a blow-up anywhere shows in the
    # relevance of `inputs`, which is checked (explain_forecast checks its mean, quietly)
    warn_if_blown_up(
        model,
        ex,
        eps,
        lambda: _seq2seq_gradient_totals(model, inputs, future, ex.target),
        future=future,
    )
    return ex


@torch.no_grad()
def _lrp_seq2seq(
    model: nn.Module,
    inputs: Tensor,
    future: Tensor,
    target: int | Sequence[int] | Tensor | None = None,
    *,
    eps: float = 1e-3,
    bias_factor: float = 0.0,
    check: bool = True,
    convention: Convention = "equation",
) -> Seq2SeqExplanation:
    """:func:`lrp_seq2seq` without its check of relevances blown up (warned of outside
    ``torch.no_grad``, whose frame a warning's line named)."""
    check_options(eps, bias_factor, convention)
    # a Fraction, or an int of 2**64 or more, is a real number a tensor refuses to multiply
    eps, bias_factor = float(eps), float(bias_factor)
    check = as_bool(check, "check")  # "no" would be truthy
    check_float64_device(model, inputs=inputs, future=future)
    model = _compiled_from(model)
    # every weight read as the model computes with it in eval mode (a weight dropout, a
    # parametrization, drops nothing), as the model's own call below computes it
    with evaluating(model):
        walk = _walk_seq2seq(model)
        check_inputs(inputs, None, model, takes_lengths=False)
        batch = inputs.shape[0]
        enc_in, dec_in = walk.encoder[0].weight_ih.shape[1], walk.decoder[0].weight_ih.shape[1]
        if inputs.shape[2] != enc_in:
            raise ValueError(
                f"`inputs` has {inputs.shape[2]} features per step, but the model's `encoder` "
                f"takes input_size={enc_in}."
            )
        _check_future(future, batch, dec_in)
        check_device(future, model, "future")
        lstm = walk.kind == "LSTM"
        forward = _lstm_forward if lstm else _gru_forward
        backward = _lstm_relevance_states if lstm else _gru_relevance_states

        x = inputs.detach().to(torch.float64).transpose(0, 1)  # [T, B, F], time-major inside
        enc_saved, finals = [], []
        layer_in = x
        for p in walk.encoder:
            out, h_n, rec = forward(layer_in, p, None)
            enc_saved.append((layer_in, rec))
            finals.append((h_n, rec["c_n"]) if lstm else (h_n,))
            layer_in = out
        dec_saved = []
        layer_in = future.detach().to(torch.float64).transpose(0, 1)  # [T', B, F']
        for p, state in zip(walk.decoder, finals, strict=True):
            out, _, rec = forward(layer_in, p, None, *state)
            dec_saved.append((layer_in, rec))
            layer_in = out
        acts = _head_forward(walk.head, layer_in)  # [T', B, ...] per step
        if acts[-1].shape[-1] != 1:
            raise TypeError(
                f"lrp_seq2seq needs a head with one output per step, got {acts[-1].shape[-1]}."
            )
        logits = acts[-1].squeeze(-1).T  # [B, T']
        target_t = _as_target(target, logits, steps=True)

        reference = None
        if check:
            # lrp_seq2seq reads `inputs` and `future` batch first; a time-major encoder sees them
            # transposed, and its decoder then refuses the encoder's states in torch's words
            # ("Expected hidden[0] size ..."), which name no batch_first
            hint = _batch_first_hint(model, inputs)
            try:
                reference = _model_output(model, lambda: _scores(model, model(inputs, future)))
            except RuntimeError as err:
                # only torch's plain RuntimeError: a subclass (OutOfMemoryError,
                # NotImplementedError) keeps its type, which a caller may catch (to retry on a
                # smaller batch, say)
                if not hint or type(err) is not RuntimeError:
                    raise
                raise RuntimeError(
                    f"{type(model).__name__} failed on `inputs` {tuple(inputs.shape)} and `future` "
                    f"{tuple(future.shape)}: {str(err).rstrip('.')}.{hint}"
                ) from err
            _check_recomputation(
                "lrp_seq2seq",
                model,
                reference,
                logits,
                shapes="[B, T']",
                pipeline="encoder → decoder → head",
                # only where the encoder was not seen to get `inputs` time-major
                hint=lambda: _batch_first_hint(model, inputs, lambda: model(inputs, future)),
                near=lambda: (
                    _random_output_hint(
                        model, reference, lambda: _scores(model, model(inputs, future))
                    )
                    or _score_map_hint(model, reference, logits, "lrp_seq2seq")
                    or _slopes_per_step_hint(model.head)
                ),
            )
            target_t = _shown_target(target_t, target, reference)

        score = logits.gather(1, target_t.unsqueeze(1)).squeeze(1)
        rows = torch.arange(batch, device=logits.device)
        r = torch.zeros_like(acts[-1])  # [T', B, 1]: the score at its step, nothing elsewhere
        r[target_t, rows, 0] = score
        r_out = _head_relevance(walk.head, acts, r, eps, bias_factor, convention)  # [T', B, H]
        # Decoder, top layer down; each layer's initial-state relevance goes to its encoder layer.
        r_states: list[tuple[Tensor, ...]] = [()] * len(walk.decoder)
        for li in range(len(walk.decoder) - 1, -1, -1):
            layer_x, rec = dec_saved[li]
            r_out, r_states[li] = backward(
                layer_x,
                walk.decoder[li],
                rec,
                None,
                r_out,
                None,
                eps,
                bias_factor,
                convention=convention,
            )
        r_future = r_out.transpose(0, 1)  # [B, T', F']
        r_out = None  # the encoder's top-layer outputs feed nothing but its final states
        initial = x.new_zeros(batch)
        for li in range(len(walk.encoder) - 1, -1, -1):
            layer_x, rec = enc_saved[li]
            r_hn, *r_cn = r_states[li]
            r_out, r_init = backward(
                layer_x,
                walk.encoder[li],
                rec,
                None,
                r_out,
                r_hn,
                eps,
                bias_factor,
                r_cn=r_cn[0] if r_cn else None,
                convention=convention,
            )
            initial = initial + sum(part.sum(dim=1) for part in r_init)
        per_feature = r_out.transpose(0, 1)  # [B, T, F]
        ex = Seq2SeqExplanation(
            relevance=per_feature.sum(dim=2),
            relevance_per_feature=per_feature,
            score=score,
            target=target_t,
            initial_state=initial,
            lengths=None,
            method="lrp",
            decoder_relevance=r_future,
            output=reference,
            inputs=inputs.detach().clone(),
        )
        return ex


def _seq2seq_gradient_totals(
    model: nn.Module, inputs: Tensor, future: Tensor, target: Tensor
) -> list[float]:
    """Each sequence's sum of ``|input × gradient|`` over ``inputs`` and ``future`` of output
    step ``target`` of the encoder-decoder ``model``: the scale of the relevances where the
    score is near 0, as :func:`~lstmkit.explain._blown.gradient_totals` is for :func:`lrp`."""
    with torch.enable_grad(), evaluating(model):
        x = inputs.detach().clone().requires_grad_(True)
        f = future.detach().clone().requires_grad_(True)
        out = _scores(model, model(x, f))
        score = out.gather(1, target.to(out.device).unsqueeze(1)).sum()
        gx, gf = torch.autograd.grad(score, (x, f), allow_unused=True)
    totals = (x.detach() * (0 if gx is None else gx)).abs().flatten(1).sum(dim=1)
    totals = totals + (f.detach() * (0 if gf is None else gf)).abs().flatten(1).sum(dim=1)
    return totals.double().cpu().tolist()


def _model_output(model: nn.Module, call: Callable[[], Tensor]) -> Tensor:
    """``call()``, the model's own output, computed in eval mode, as a prediction computes it
    (``SentimentPredictor.predict_proba``), so that it serves as one
    (:attr:`Explanation.output`); without gradients, as its callers (:func:`lrp`,
    :func:`lrp_seq2seq`) run under ``torch.no_grad()``."""
    with explaining(model):
        return call().detach()


def _check_recomputation(
    who: str,
    model: nn.Module,
    out: Tensor,
    logits: Tensor,
    *,
    shapes: str,
    pipeline: str,
    hint: Callable[[], str],
    near: Callable[[], str] | None = None,
    returned: tuple[int, ...] | None = None,
) -> None:
    """Raises ``RuntimeError`` when ``who``'s float64 recomputation ``logits`` differs from the
    model's own output ``out`` (:func:`_model_output`): first in shape (``shapes`` says what
    ``logits`` holds; ``returned``, where known, the shape the model returned before a ``[B]``
    output was read as ``[B, 1]``, which the refusal named instead), then in value (the model
    computes more than ``pipeline``; ``near()``, only then called, may say what it computes
    instead). ``hint()``, a sentence to add, is called only when the check fails."""
    ref = out.to(torch.float64)
    name = type(model).__name__
    # shapes compared first: the difference needs equal shapes
    if ref.shape != logits.shape:
        shown = tuple(ref.shape) if returned is None else returned
        read = f" (read as {tuple(ref.shape)})" if shown != tuple(ref.shape) else ""
        raise RuntimeError(
            f"{who}'s float64 recomputation of {name} differs from the model's output: {who} "
            f"computed shape {tuple(logits.shape)} ({shapes}), the model returned "
            f"{shown}{read}.{hint()}"
        )
    if (err := _difference(model, out, logits)) is None:
        return
    by = (
        "NaN in one where the other holds a number"
        if math.isnan(err)
        else f"max abs difference {err:.3g}"
    )
    raise RuntimeError(
        f"{who}'s float64 recomputation of {name} differs from the model's output "
        f"({by}): the model computes something beyond {pipeline}, "
        f"which {who} cannot explain.{hint()}{near() if near is not None else ''}"
    )


def _difference(model: nn.Module, out: Tensor, logits: Tensor) -> float | None:
    """The largest difference between the model's output ``out`` and a float64 recomputation
    ``logits`` of the same shape when it is more than rounding, else None; NaN where one of
    them holds NaN and the other a number. Equal entries (NaN in both, as from NaN inputs, or
    the same infinity) are no difference: a NaN made the maximum NaN, and NaN exceeds no
    tolerance, so one NaN hid every other difference and the model's own NaN passed. The
    tolerance scales with the finite entries of ``logits`` only (:func:`_gaps`)."""
    if not out.numel():
        return None
    err, scale = (float(v) for v in _gaps(out.reshape(1, -1), logits.reshape(1, -1)))
    if math.isnan(err):
        return math.nan
    return err if err > _tolerance(model, out) * scale else None


def _gaps(out: Tensor, logits: Tensor) -> tuple[Tensor, Tensor]:
    """For each row of ``logits`` ``[N, K]`` (float64) against the model's output ``out``
    ``[1, K]`` or ``[N, K]``: the largest difference, NaN where one holds NaN and the other a
    number, equal entries (NaN in both, the same infinity) none; and the scale of the row's
    tolerance, ``1 + max |logit|`` over its finite logits (an infinity in both made it
    infinite, so that any other entry's difference passed). ``[N]`` each."""
    ref = out.to(torch.float64)
    same = (ref == logits) | (ref.isnan() & logits.isnan())
    err = (ref - logits).abs().masked_fill(same, 0.0).amax(dim=1)  # amax keeps a NaN
    scale = 1 + logits.abs().masked_fill(~logits.isfinite(), 0.0).amax(dim=1)
    return err, scale


def _tolerance(model: nn.Module, out: Tensor) -> float:
    """How far, relative to ``1 + max |logits|``, a float64 recomputation may be from the model's
    output ``out`` by rounding alone."""
    # Rounding, not structure: float64 agrees to 1e-8; float32 to 1e-3; float16 and bfloat16
    # (epsilon 1e-3 and 8e-3) to 8 epsilons of the coarser of output and parameters.
    dtypes = [d for d in (out.dtype, _dtype(model)) if d.is_floating_point]
    coarsest = max((torch.finfo(d).eps for d in dtypes), default=torch.finfo(torch.float32).eps)
    return 1e-8 if coarsest <= torch.finfo(torch.float64).eps else max(1e-3, 8 * coarsest)


def _dtype(model: nn.Module) -> torch.dtype:
    for p in model.parameters():
        return p.dtype
    return torch.float32

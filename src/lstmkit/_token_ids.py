"""The token-id check every model with an embedding shares: the text models' ``forward`` and the
explanation methods (:mod:`lstmkit.explain`) refuse ids outside the vocabulary with one message.

It lives here, outside :mod:`lstmkit.text` and :mod:`lstmkit.explain`, so that either can use it
without importing the other.
"""

from __future__ import annotations

import torch

from lstmkit.nn.layers import _varies_under_vmap

_SHOWN = 5
"""How many out-of-range token ids a message shows."""
_ID_DTYPES = (torch.int64, torch.int32)
"""The index dtypes ``nn.Embedding`` takes."""


def check_token_ids(**named: tuple[object, int, str]) -> None:
    """Refuses token ids that no row of an embedding holds, naming the argument, before the
    embedding fails with torch's ``index out of range in self``.

    Each keyword is an argument's name with ``(tensor, size, what the size is)``; its ids must lie
    in ``[0, size)``. One ``aminmax`` and one transfer of its two numbers decide, on whatever
    device the tensor is (with no ``.numpy()``, so CUDA and MPS tensors too); only a refused
    tensor is searched for the positions named. Like the layers' ``lengths`` check, it is left
    out where the values cannot be read: on the meta device, for ids that vary under
    ``torch.func.vmap``, and under ``torch.compile`` (eager calls check).

    Raises:
        TypeError: Listing every argument that is not an integer tensor (int64 or int32).
        ValueError: Listing every argument with ids out of range: the first few values and
            their positions, and how many there are in all.
    """
    wrong = [
        f"`{name}` must be a tensor of token ids (int64 or int32), got "
        + (f"dtype {t.dtype}." if isinstance(t, torch.Tensor) else f"{type(t).__name__}.")
        for name, (t, _, _) in named.items()
        if not isinstance(t, torch.Tensor) or t.dtype not in _ID_DTYPES
    ]
    if wrong:
        raise TypeError(" ".join(wrong))
    if torch.compiler.is_compiling():  # a branch on values: a graph break fullgraph refuses
        return
    problems = []
    for name, (tokens, size, what) in named.items():
        # meta tensors have no values, nor do per-sample ids under vmap (DP-SGD on text)
        if tokens.numel() == 0 or tokens.device.type == "meta" or _varies_under_vmap(tokens):
            continue
        low, high = torch.stack(torch.aminmax(tokens)).tolist()  # one sync
        if low >= 0 and high < size:
            continue
        outside = (tokens < 0) | (tokens >= size)
        where = outside.nonzero()[:_SHOWN]  # [N, tokens.dim()], row-major order
        values = tokens[outside][:_SHOWN].tolist()
        shown = [
            f"{v} at {'position ' if k == 0 else ''}{tuple(p) if len(p) != 1 else p[0]}"
            for k, (v, p) in enumerate(zip(values, where.tolist(), strict=True))
        ]
        count = int(outside.sum())
        more = f" ({count} ids out of range in all)" if count > len(shown) else ""
        problems.append(
            f"`{name}` must hold token ids in [0, {size}) ({what}), got {', '.join(shown)}{more}."
        )
    if problems:
        raise ValueError(" ".join(problems))

"""The forecaster's network and the training of one ensemble member, without pandas.

A worker process of ``jobs > 1`` (see :mod:`lstmkit._pool`) imports the function it runs by its
module: from :mod:`lstmkit.forecast` that meant pandas and the whole workflow (about 1.5 s on
top of torch's import) to train a member on arrays. :mod:`lstmkit.forecast` re-exports
:class:`ForecastNet` and :func:`make_rnn`, and trains its members in this process with the
functions here too.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import numpy as np
import torch
from torch import nn

from lstmkit import io
from lstmkit._device import callers_rng_kept, doing
from lstmkit._forecast_config import ForecasterConfig
from lstmkit.train import History, TrainConfig, fit

# --------------------------------------------------------------------------------------------
# The network: encoder (+ decoder) + linear head
# --------------------------------------------------------------------------------------------


def make_rnn(cell: str, input_size: int, hidden_size: int, **kwargs: Any) -> nn.Module:
    """A batch-first lstmkit LSTM/GRU (``torch.nn`` stand-in if the core is unavailable)."""
    try:
        from lstmkit.nn import GRU, LSTM
    except ImportError:  # the recurrent core has not landed: torch's modules share the contract
        if cell == "peephole":
            raise
        GRU, LSTM = nn.GRU, nn.LSTM
    if cell == "gru":
        return GRU(input_size, hidden_size, batch_first=True, **kwargs)
    extra = {"peephole": True} if cell == "peephole" else {}
    return LSTM(input_size, hidden_size, batch_first=True, **kwargs, **extra)


class ForecastNet(nn.Module):
    """``encoder`` → (``decoder``) → ``head``; a plain composition that LRP can walk.

    Args:
        cell: ``"lstm"``, ``"gru"`` or ``"peephole"``, as :class:`ForecasterConfig`'s.
        input_size: encoder input features ``F``.
        hidden_size: units per direction of the encoder (and of the decoder).
        out_size: outputs of the head: ``H`` for ``direct``, 1 for ``recursive`` and
            ``seq2seq`` (one output per decoder step).
        num_layers: stacked layers of the encoder (and of the decoder).
        bidirectional: a bidirectional encoder (not with a decoder).
        dropout: dropout between stacked encoder layers (ignored for one layer).
        decoder_input_size: decoder input features ``F_dec``; 0 (default) builds no decoder.
        future_size: future covariates per forecast step ``F_fut`` of a network without a
            decoder (``direct``); 0 (default) reads none. Output step ``h`` adds
            ``future[:, h] @ future_weight[h]`` to the head's output: one weight per step and
            covariate, so the steps' known values (a promotion flag, a planned price) act on
            their own step directly, and a forecast of ``H' < out_size`` steps needs only
            their ``H'`` rows.

    Its parameters are float32 whatever torch's default dtype (``torch.set_default_dtype``), as
    the windows it reads are: under float64 it was built in float64, and failed at its first
    window (fit, or a saved model's predict) with a dtype mismatch.

    Shape:
        - ``x``: ``[B, L, F]`` encoder inputs (see the module docstring for the columns).
        - ``future``: ``[B, H', F_dec]`` decoder inputs (``seq2seq``), or ``[B, H', F_fut]``
          future covariates (``direct`` with ``future_size``, ``H' <= out_size``).
        - output: ``[B, out_size]`` (``direct``/``recursive``) or ``[B, H']`` (``seq2seq``).
    """

    def __init__(
        self,
        cell: str,
        input_size: int,
        hidden_size: int,
        out_size: int,
        num_layers: int = 1,
        bidirectional: bool = False,
        dropout: float = 0.0,
        decoder_input_size: int = 0,
        future_size: int = 0,
    ) -> None:
        super().__init__()
        self.encoder = make_rnn(
            cell,
            input_size,
            hidden_size,
            num_layers=num_layers,
            bidirectional=bidirectional,
            dropout=dropout if num_layers > 1 else 0.0,
            dtype=torch.float32,
        )
        self.directions = 2 if bidirectional else 1
        self.decoder = (
            make_rnn(
                cell, decoder_input_size, hidden_size, num_layers=num_layers, dtype=torch.float32
            )
            if decoder_input_size
            else None
        )
        head_in = hidden_size * (1 if self.decoder is not None else self.directions)
        self.head = nn.Linear(head_in, out_size, dtype=torch.float32)
        # Future covariates of a direct network: a linear effect per step and covariate beside
        # the encoder's state, rather than more encoder inputs (the covariate led by the
        # horizon) or a head over all H * F_fut values: a flag's effect on its own step is one
        # weight to learn (the head's bias and the anchor carry the rest), step h reads no
        # other step's values, and the encoder's inputs stay those of the past. Zeros at first,
        # so an untrained member forecasts as without them (and draws nothing more).
        self.future_weight = (
            nn.Parameter(torch.zeros(out_size, future_size, dtype=torch.float32))
            if future_size and self.decoder is None
            else None
        )

    def forward(self, x: torch.Tensor, future: torch.Tensor | None = None) -> torch.Tensor:
        """The forecast for encoder inputs ``x`` ``[B, L, F]`` and ``future`` (decoder inputs
        or future covariates, see the class docstring's Shape).

        Raises:
            RuntimeError: for a network with a decoder or ``future_size`` called without
                ``future``.
        """
        _, state = self.encoder(x)
        if self.decoder is not None:
            if future is None:
                raise RuntimeError("a seq2seq ForecastNet needs `future` decoder inputs.")
            out, _ = self.decoder(future, state)  # out: [B, H', hidden]
            return self.head(out).squeeze(-1)
        h_n = state[0] if isinstance(state, tuple) else state  # [layers * D, B, hidden]
        last = torch.cat(list(h_n[-self.directions :]), dim=-1)  # [B, D * hidden]
        out = self.head(last)
        if self.future_weight is None:
            return out
        if future is None:
            raise RuntimeError("a ForecastNet with `future_size` needs `future` covariates.")
        steps = future.shape[1]  # H' <= out_size: the later steps get no effect
        effect = (future * self.future_weight[:steps]).sum(-1)  # [B, H']
        return out + nn.functional.pad(effect, (0, out.shape[1] - steps))

    if TYPE_CHECKING:  # calls type as ``forward``: nn.Module's ``__call__`` is typed Any, and
        # pyright keeps that over ``__call__ = forward``; a ``def`` of forward's signature it takes
        def __call__(self, x: torch.Tensor, future: torch.Tensor | None = None) -> torch.Tensor: ...


@dataclass(frozen=True)
class _MemberData:
    """What every ensemble member trains on: the training and validation windows (inputs,
    targets and, for seq2seq, decoder inputs or, for direct with future covariates, those of the
    targets' steps) and all windows together (for the refit).

    Made by :meth:`split`: ``train`` and ``val`` are the first and last windows of
    ``everything``, which :meth:`convert` and pickling rebuild from it (one built with other
    ``train`` and ``val`` loses them there)."""

    train: tuple
    val: tuple
    everything: tuple

    @classmethod
    def split(cls, everything: tuple, n_val: int) -> _MemberData:
        """All windows, the last ``n_val`` of them validating: train and val are views."""
        return cls(
            tuple(t[:-n_val] for t in everything), tuple(t[-n_val:] for t in everything), everything
        )

    def convert(self, to_numpy: bool) -> _MemberData:
        """The same windows as numpy arrays (to send to a worker process) or tensors."""
        convert = (lambda t: t.numpy()) if to_numpy else torch.from_numpy
        return _MemberData.split(tuple(convert(t) for t in self.everything), len(self.val[0]))

    def __reduce__(self) -> tuple[Any, tuple[tuple, int]]:
        # Pickled field by field, train and val went to each worker process as copies of their
        # own beside `everything`: twice the windows (a --jobs 2 fit on 50,000 rows of 20
        # columns peaked at 2.1 GB, one process at 0.85 GB). They are views of it: sent once.
        return _MemberData.split, (self.everything, len(self.val[0]))


def _member_loss(model: nn.Module, batch: tuple[torch.Tensor, ...]) -> torch.Tensor:
    """Mean squared error over the finite targets of a batch (inputs, targets[, decoder])."""
    pred = model(batch[0], batch[2]) if len(batch) > 2 else model(batch[0])
    mask = torch.isfinite(batch[1])
    err = torch.where(mask, pred - torch.nan_to_num(batch[1]), torch.zeros_like(pred))
    return err.pow(2).sum() / mask.sum().clamp(min=1)


def _build_net(config: ForecasterConfig, input_size: int, step_input_size: int) -> ForecastNet:
    """An untrained member for ``config``. ``step_input_size``: the inputs per forecast step,
    the decoder's for seq2seq, the future covariates for direct (none for recursive)."""
    seq2seq = config.strategy == "seq2seq"
    return ForecastNet(
        config.cell,
        input_size,
        config.hidden_size,
        1 if config.strategy in ("seq2seq", "recursive") else config.horizon,
        num_layers=config.num_layers,
        bidirectional=config.bidirectional,
        dropout=config.dropout,
        decoder_input_size=step_input_size if seq2seq else 0,
        future_size=step_input_size if config.strategy == "direct" else 0,
    )


def _new_member(config: ForecasterConfig, seed: int | None, data: _MemberData) -> ForecastNet:
    """An untrained member for ``data``'s windows, its weights drawn from ``seed`` (``None``:
    from torch's generator as it is). Call it holding the generator
    (:func:`~lstmkit._device.callers_rng_kept`), or under :func:`lstmkit.io.build_undrawn`."""
    if seed is not None:
        torch.manual_seed(seed)
    steps = data.train[2].shape[-1] if len(data.train) > 2 else 0
    # drawn on the CPU whatever the device, so a seed gives the same initial weights everywhere
    return _build_net(config, data.train[0].shape[-1], steps).to(config.device)


def _new_member_trained(
    config: ForecasterConfig,
    seed: int,
    data: _MemberData,
    windows: tuple[torch.Tensor, ...],
    val: tuple[torch.Tensor, ...] | None,
    settings: TrainConfig,
    on_epoch: Callable[[int, History], None] | None,
    member: str,
    *,
    refit: bool,
) -> tuple[ForecastNet, History]:
    """A member drawn from ``seed``, trained on ``windows`` (validated on ``val``); ``member``
    (``"member 1/3"``) and ``refit`` (its refit on every window) say which in a device's
    out-of-memory error (:func:`doing`): "moving member 1/3's refit network to it".

    The initial weights are drawn holding torch's global generator; dropout draws from it too,
    so a member with dropout trains holding it (fits in other threads wait), one without lets
    it go as soon as its weights are drawn (fits in other threads go on at the same time).
    """
    with ExitStack() as generator:
        generator.enter_context(callers_rng_kept(config.device))
        # "member 1/2's refit's network" said the possessive twice over
        which = f"{member}'s refit" if refit else member
        with doing(f"moving {member}'s {'refit ' if refit else ''}network to it"):
            net = _new_member(config, seed, data)
        if not (config.dropout > 0 and config.num_layers > 1):
            generator.close()  # the caller's state back; nothing more is drawn
        with doing(f"training {which}"):
            history = fit(net, _member_loss, windows, val, settings, on_epoch=on_epoch)
        return net.eval(), history  # fit gives the net its own (train) mode back


def _train_member(
    config: ForecasterConfig,
    k: int,
    data: _MemberData,
    on_epoch: Callable[[str, int, Any], None] | None = None,
    on_trained: Callable[[str], None] | None = None,
) -> tuple[ForecastNet, Any, ForecastNet | None, Any]:
    """Member ``k`` (seed ``config.seed + k``): trained with validation (early stopping), then,
    with ``config.refit``, trained again from the same seed on every window.

    Returns:
        The validated member and its History, and the refitted member and its History (or
        ``None`` twice without ``refit``). ``on_epoch(stage, epoch, history)`` and
        ``on_trained(message)`` report progress.
    """
    seed, n = config.seed + k, config.ensemble

    def report(stage: str) -> Callable[[int, Any], None] | None:
        return None if on_epoch is None else lambda e, h: on_epoch(stage, e, h)

    windows = len(data.train[0])
    net, first = _new_member_trained(
        config,
        seed,
        data,
        data.train,
        data.val,
        config.train_config(seed, windows),
        report(f"member {k + 1}/{n}"),
        f"member {k + 1}/{n}",
        refit=False,
    )
    if on_trained is not None:
        on_trained(
            f"member {k + 1}/{n}: best epoch {first.best_epoch + 1}, "
            f"val loss {first.best_val_loss:.3g}"
        )
    if not config.refit:
        return net, first, None, None
    runs = first.best_epoch + 1 if config.early_stopping else first.epochs_run
    # epochs as long as the validated run's (resolved on its windows), whose count it repeats
    settings = replace(config.train_config(seed, windows), epochs=max(1, runs), patience=None)
    again, refit = _new_member_trained(
        config,
        seed,
        data,
        data.everything,
        None,
        settings,
        report(f"refit {k + 1}/{n}"),
        f"member {k + 1}/{n}",
        refit=True,
    )
    if on_trained is not None:
        epochs = settings.epochs
        on_trained(f"refit {k + 1}/{n}: {epochs} epoch{'s' if epochs != 1 else ''}")
    return net, first, again, refit


def _train_member_in_worker(
    config: ForecasterConfig, k: int, data: _MemberData
) -> tuple[dict[str, np.ndarray], Any, dict[str, np.ndarray] | None, Any]:
    """:func:`_train_member` in a worker process: windows come and weights go back as numpy
    arrays (see :func:`lstmkit._pool.run_in_processes`)."""
    first, history, again, refit = _train_member(config, k, data.convert(to_numpy=False))

    def weights(net: nn.Module | None) -> dict[str, np.ndarray] | None:
        return None if net is None else {n: w.numpy() for n, w in net.state_dict().items()}

    return weights(first), history, weights(again), refit


def _member_from_worker(
    config: ForecasterConfig,
    data: _MemberData,
    first: dict[str, np.ndarray],
    history: Any,
    again: dict[str, np.ndarray] | None,
    refit: Any,
) -> tuple[ForecastNet, Any, ForecastNet | None, Any]:
    """The members :func:`_train_member_in_worker` sent back, as modules again."""

    def member(weights: dict[str, np.ndarray] | None) -> ForecastNet | None:
        if weights is None:
            return None
        net = io.build_undrawn(lambda: _new_member(config, None, data))  # weights come next
        net.load_state_dict({n: torch.from_numpy(w) for n, w in weights.items()})
        return net.eval()

    return member(first), history, member(again), refit

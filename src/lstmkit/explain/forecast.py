"""Relevance per lag and per covariate for a fitted :class:`lstmkit.forecast.Forecaster`.

Shape letters: ``L`` lookback (lags), ``F`` input features per step (the scaled target, the
covariates, then the calendar sin/cos when used).

A Forecaster's network is an ``encoder`` (LSTM/GRU) and a linear ``head``; each output is one
forecast step in scaled units. A ``seq2seq`` network adds a ``decoder`` that starts from the
encoder's final states and reads one row of decoder inputs per future step (a constant 1 and the
calendar of that step); the head maps each decoder output to one step. :func:`explain_forecast`
builds the input window the Forecaster would use for its next forecast, explains the chosen
output step of every ensemble member and averages the relevance over members: for a method
linear in the output (all but sensitivity) that is the ensemble's relevance. Sensitivity, a
squared gradient, is the ensemble's own: the square of the members' mean gradient (the mean of
their squares would add the members' spread). The relevance refers to the network's *scaled*
inputs (the scaling is fitted, not learned), so it answers "which lags and covariates moved this
forecast".

For ``seq2seq``, LRP (:func:`~lstmkit.explain.lrp.lrp_seq2seq`) also gives the relevance of the
decoder inputs of the future steps up to the explained one (``future``), the future covariates'
among them; the other methods hold the decoder inputs fixed and explain the
window only. A ``direct`` Forecaster with future covariates adds their effect beside its head,
outside the encoder → head network LRP walks: the gradient and perturbation methods explain
its window with the future covariates held fixed, and LRP is refused.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import torch
from torch import nn

from lstmkit import data as D
from lstmkit._checks import (
    _told,
    as_int,
    plain_repr,
    progress_bar,
    progress_problems,
    typed_repr,
    value_repr,
    whole_float_hint,
)
from lstmkit._lazy import public_dir
from lstmkit.explain._blown import blown_rows, input_x_gradient_sums, quiet, warn_blown_up
from lstmkit.explain.baselines import (
    check_method_options,
    explain,
    ig_steps,
    integrated,
    occluded,
)
from lstmkit.explain.lrp import lrp_seq2seq, mps_devices

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from lstmkit.forecast import Forecaster

__all__ = [
    "ForecastExplanation",
    "explain_forecast",
]
__dir__ = public_dir(globals())


_REPR_FEATURES = 6  # feature names a repr shows
# what a method's relevance measures: a share of (or a change in) the scaled network output;
# sensitivity is a squared gradient, random a random order
_RELEVANCE_UNITS = {
    "lrp": "relevance (scaled)",
    "gradxinput": "relevance (scaled)",
    "ig": "relevance (scaled)",
    "occlusion": "relevance (scaled)",
    "sensitivity": "squared gradient (scaled)",
}


def _dated(index: list[str], steps: int) -> bool:
    """Whether the window's ``steps`` labels are times, not the integer positions of a series
    without dates (``Forecaster.fit`` of a RangeIndex labels its steps ``84``, ``85``, ...)."""
    return len(index) == steps > 0 and not all(re.fullmatch(r"-?\d+", str(i)) for i in index)


@dataclass(frozen=True, repr=False)
class ForecastExplanation:
    """Relevance of each lag (and feature) for one forecast step, averaged over the ensemble.

    Attributes:
        per_lag: ``[L]`` relevance per lag (oldest first).
        per_feature: ``[L, F]`` relevance per lag and feature, or None (methods without it).
        features: The ``F`` feature names: the target, the covariates as the user named them
            (``promo``; ``cov:promo`` and ``fut:promo`` where a past and a future covariate
            share a name, and ``cov:NAME`` or ``fut:NAME`` for one named like the target, a
            calendar input or a ``seq2seq`` decoder's ``constant``, as
            :meth:`~lstmkit.forecast.Forecaster.history` names them), then the calendar inputs.
        window: ``[L]`` the target's last ``L`` values in original units.
        index: The ``L`` time labels of the window.
        score: The explained network output (scaled units), averaged over members.
        step: The explained forecast step (0: one step ahead).
        method: The explanation method.
        time: The time label of the explained step (``step + 1`` steps after ``index[-1]``),
            or None where the calendar ends before it.
        future: ``[step + 1, F']`` relevance of the decoder inputs of future steps ``0..step``
            (``seq2seq`` with LRP), else None.
        future_features: The ``F'`` decoder input names (``constant``, the calendar, then
            the future covariates, named as in ``features``).
        future_index: The time labels of future steps ``0..step``.
        initial_state: Relevance left on the encoder's zero initial states (LRP; 0 otherwise).
            With LRP and ``bias_factor=1``, ``per_lag`` plus ``future`` plus this sums to
            ``score``.
        baseline_score: The network output at the all-zero window (integrated gradients,
            averaged over members; None for the other methods), in the network's scaled units
            as ``score`` is: the scaled window's zeros, not the series', a seq2seq model's
            decoder inputs (a direct one's future covariates) held as they are. ``per_lag``
            sums to ``score`` less it, up to the convergence delta of the path's ``steps``.
    """

    per_lag: np.ndarray
    per_feature: np.ndarray | None
    features: list[str]
    window: np.ndarray
    index: list[str]
    score: float
    step: int
    method: str
    future: np.ndarray | None = None
    future_features: list[str] | None = None
    future_index: list[str] | None = None
    initial_state: float = 0.0
    time: str | None = None
    baseline_score: float | None = None

    def __repr__(self) -> str:
        """What is explained, the shapes and the method, not every array (as
        :class:`~lstmkit.backtest.BacktestResult` shows its table, not every forecast row):
        ``ForecastExplanation(lrp, forecast step 1 (1961-01-01), score 0.25: 36 lags
        (1958-01-01 … 1960-12-01), 3 features ['value', 'season sin', 'season cos']; per_lag
        [36], per_feature [36, 3])``."""
        names = ", ".join(map(repr, self.features[:_REPR_FEATURES]))
        more = ", ..." if len(self.features) > _REPR_FEATURES else ""
        at = f" ({self.time})" if self.time is not None else ""
        span = f" ({self.index[0]} … {self.index[-1]})" if len(self.index) else ""
        arrays = {"per_lag": self.per_lag, "per_feature": self.per_feature, "future": self.future}
        shapes = ", ".join(
            f"{name} {list(np.shape(value))}" for name, value in arrays.items() if value is not None
        )
        features = f"{len(self.features)} feature" + "s" * (len(self.features) != 1)
        return (
            f"ForecastExplanation({self.method}, forecast step {self.step + 1}{at}, score "
            f"{self.score:.4g}: {len(self.per_lag)} lags{span}, {features} [{names}{more}]; "
            f"{shapes})"
        )

    def plot(self, path: str | Path | None = None, title: str | None = None) -> Figure:
        """The input window on top and its relevance per lag below (per lag and feature where
        there is ``per_feature``; a ``seq2seq`` forecast's ``future``, the decoder inputs of
        the forecast steps, right of the window), as ``lstmkit explain`` draws
        ``relevance.png``.

        Args:
            path: where to save the figure (PNG, SVG, PDF, ... by suffix), or ``None``;
                missing folders are created (an unknown suffix is a ValueError).
            title: the figure title; ``None`` names the method and the forecast step.

        Returns:
            The matplotlib ``Figure`` (not attached to pyplot).
        """
        from lstmkit._figures import METHOD_TITLES, drawable, plain_text
        from lstmkit.explain.render import plot_lags

        if title is None:
            at = f" ({self.time})" if self.time is not None else ""
            what = METHOD_TITLES.get(self.method, f"{self.method} relevance")
            title = plain_text(f"{what} for forecast step {self.step + 1}{at}")
        # escaped here, named as what they are: plot_lags' warning named its arguments
        # `window_label` and `features`, which neither this call nor `lstmkit explain` has
        # with the caller's title, in one warning
        ahead = list(self.future_features or []) if self.future is not None else []
        title, *names = drawable(
            [title, *(plain_text(name) for name in [*self.features, *ahead])],
            ["`title`", *["the column names"] * (len(self.features) + len(ahead))],
            titles=1,
        )
        return plot_lags(
            self.window,
            self.per_feature if self.per_feature is not None else self.per_lag,
            features=names[: len(self.features)],
            title=title,
            path=path,
            # the window is the target's, the first feature
            window_label=names[0] if names else "input",
            # a seq2seq forecast's decoder inputs (LRP), right of the window
            future=self.future,
            future_features=names[len(self.features) :] if self.future is not None else None,
            # the network's scaled output and inputs, as the text's "network output 0.3883
            # (scaled)": the colour bar's bare "relevance" sat beside a window in passengers
            relevance_label=_RELEVANCE_UNITS.get(self.method, "relevance"),
            forecast=True,
            # a squared gradient has no sign; the others' does what the bar's ends say
            signed=self.method != "sensitivity",
            ends=("lowers the\nforecast", "raises the\nforecast"),
            # the window's dates over it: "−36 … −1" alone left a stakeholder counting weeks
            # back from the title's forecast date (a series of integer positions has no dates:
            # "84", "85" are its steps; an explanation made by hand may have other labels)
            dates=self.index if _dated(self.index, len(self.window)) else None,
        )


class _FixedFuture(nn.Module):
    """A ``seq2seq`` network (or a ``direct`` one with future covariates) as a function of its
    window alone, the decoder inputs (the future covariates) held fixed.

    Lets the gradient and perturbation methods, which call ``model(inputs)``, explain it.
    """

    def __init__(self, net: nn.Module, future: torch.Tensor) -> None:
        super().__init__()
        self.net = net
        self.future = future  # [1, H', F']

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net(x, self.future.expand(x.shape[0], -1, -1))


class _Mean(nn.Module):
    """An ensemble as one model: the mean of its parts' outputs (not named ``members``, which
    :func:`~lstmkit.explain.explain` would explain one by one and average)."""

    def __init__(self, parts: list[nn.Module]) -> None:
        super().__init__()
        self.parts = nn.ModuleList(parts)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.stack([part(x) for part in self.parts]).mean(dim=0)


def _lrp_refused(names: list[str], *, flags: bool = False, given: bool = True) -> str:
    """The refusal of LRP for a direct Forecaster with the future covariates ``names`` (the
    user's: ``promo``, not the model's ``fut:promo``); with ``flags``, as ``lstmkit explain``
    says it (``--method``, and the seq2seq strategy as `lstmkit forecast`'s flag), where
    ``given`` False says LRP is its default (no --method typed) and lists the others."""
    method, lrp = ("--method", "--method='lrp'") if flags else ("`method`", "`method='lrp'`")
    held = "they are then held fixed"
    if flags and not given:
        lrp = "LRP, the default --method,"
        held = f"gradxinput, ig, occlusion or sensitivity; {held}"
    seq2seq = "a model forecast with --strategy seq2seq" if flags else "strategy='seq2seq'"
    return (
        f"{lrp} does not explain a direct Forecaster with future covariates "
        f"({', '.join(names)}): their effect is added beside its head, outside the network LRP "
        f"walks. Use another {method} ({held}), or {seq2seq}, whose LRP gives their relevance "
        "per forecast step."
    )


def _lrp_refusal(names: list[str]) -> ValueError:
    """:func:`explain_forecast`'s refusal of LRP for a direct Forecaster with the future
    covariates ``names``: a plain ValueError, as the user sees it (a class of its own showed
    them ``lstmkit.explain.forecast._LRPRefused``, a private name), which ``lstmkit explain``
    tells apart by its ``_lrp_names`` to say it with its flags (``_lrp_refused(names,
    flags=True)``); a process pool's worker pickles them with it."""
    refusal = ValueError(_lrp_refused(names))
    refusal._lrp_names = names  # type: ignore[attr-defined]
    return refusal


def _shown_names(columns: list[str]) -> dict[str, str]:
    """The name an explanation shows for each of the model's input ``columns`` (the target
    first, as named): a covariate's as the user wrote it (``promo``, not the model's
    ``cov:promo`` or ``fut:promo``), unless two inputs would then share a name (a past and a
    future covariate both called ``promo``, a covariate called like the target or a calendar
    input): those keep the model's names, as :meth:`~lstmkit.forecast.Forecaster.history`
    shows them, so that ``--json``'s ``features``, keyed by name, keep every input."""
    from lstmkit.forecast import _FUTURE  # here: lstmkit.forecast loads no explain code

    users = columns[:1] + [
        c.removeprefix("cov:") if c.startswith("cov:") else c.removeprefix(_FUTURE)
        for c in columns[1:]
    ]
    shown = [u if users.count(u) == 1 else c for c, u in zip(columns, users, strict=True)]
    if len(set(shown)) < len(shown):  # a kept name is another's stripped one (``fut:x``)
        shown = list(columns)
    return dict(zip(columns, shown, strict=True))


def explain_forecast(
    forecaster: Forecaster,
    *,
    step: int = 0,
    method: str = "lrp",
    series: Any = None,
    covariates: Any = None,
    future_covariates: Any = None,
    progress: bool | None = None,
    **options: object,
) -> ForecastExplanation:
    """Explains forecast step ``step`` of a fitted Forecaster from the end of its history.

    With ``series`` (and ``covariates``), the window is taken from the end of that newer history
    instead, as :meth:`~lstmkit.forecast.Forecaster.predict` does.

    Args:
        forecaster: A fitted :class:`lstmkit.forecast.Forecaster` (any strategy).
        step: Forecast step to explain (``0 <= step < horizon`` for ``direct`` and ``seq2seq``;
            0 for ``recursive``).
        method: ``"lrp"``, ``"gradxinput"``, ``"sensitivity"``, ``"ig"``, ``"occlusion"`` or
            ``"random"``.
        series: Optional newer history (same columns as in ``fit``), with
            :meth:`~lstmkit.forecast.Forecaster.predict`'s ``UserWarning`` where the network's
            inputs from it lie far outside its training inputs.
        covariates: Covariates for ``series``.
        future_covariates: For a Forecaster fitted with them, as for
            :meth:`~lstmkit.forecast.Forecaster.predict`: their values at the forecast steps
            (and at the timestamps of ``series``); an array's rows after the explained step
            are not read.
        progress: A bar over the ensemble's members on stderr (a widget in a notebook with
            ipywidgets); ``None``, the default, as the Forecaster's ``config.progress`` (whose
            ``None`` draws it where stderr is a terminal or a notebook). Occlusion of a long
            window reads the network ``L * (F + 1)`` times a member: its bar counts those
            windows; integrated gradients' counts the ``steps`` points of each member's path.
        **options: Passed to the method (e.g. ``eps``, ``bias_factor`` for LRP).

    Returns:
        A :class:`ForecastExplanation`.

    Raises:
        TypeError: for a ``forecaster`` that is no :class:`~lstmkit.forecast.Forecaster`, a
            ``step`` that is not an int, or a ``progress`` that is not True, False or None.
        ValueError: for a ``step`` the network does not output, ``future_covariates`` that
            :meth:`~lstmkit.forecast.Forecaster.predict` refuses, ``method="lrp"`` for a
            ``direct`` Forecaster with future covariates (a subclass of ValueError), or a
            ``config`` changed since ``fit`` in a field the networks depend on (a changed
            ``interval`` alone is explained: an explanation reads no interval).
        RuntimeError: for a Forecaster on MPS: explanations compute in float64, which MPS
            does not support.

    Warns:
        UserWarning: where LRP's relevances of the lags (the members' mean) blew up through a
            long window, as :func:`~lstmkit.explain.lrp` warns of them: once, for the mean.
    """
    from lstmkit.forecast import Forecaster  # here: lstmkit.forecast loads no explain code

    if not isinstance(forecaster, Forecaster):  # else "'...' object has no attribute 'history'"
        raise TypeError(
            "`forecaster` must be a fitted lstmkit.forecast.Forecaster, got "
            f"{type(forecaster).__name__}; explain a network of your own with "
            "lstmkit.explain.lrp or explain."
        )
    if problems := progress_problems(progress):
        raise TypeError(problems[0] + ".")
    forecaster = _interval_as_fitted(forecaster)
    over_series = future_covariates
    if isinstance(future_covariates, np.ndarray) and series is not None:
        over_series = future_covariates[: len(series)]  # the steps' rows come after the series'
    # NotFittedError before fit
    frame = forecaster._history(series, covariates, None if series is None else over_series)
    if series is not None:
        forecaster._warn_far_outside(frame)  # a newer history, as predict warns
    cfg = forecaster.config
    period = frame.attrs.get("period")  # the data's PeriodIndex: labelled as periods
    # a zoned series' midnights keep their time and UTC offset, as forecast.csv writes them
    intraday = D._timed(frame.index)
    if on_mps := mps_devices(forecaster.members_):
        raise RuntimeError(
            "explanations compute in float64, which MPS does not support; got a Forecaster "
            f"whose members are on {', '.join(on_mps)}. Explain it on the CPU: save it and "
            "load it with `Forecaster.load(path)` (the CPU is the default device)."
        )
    outputs = 1 if cfg.strategy == "recursive" else cfg.horizon
    if as_int(step) is None:
        # a wrong type is a TypeError, as lrp's and explain's `target` ("1", 1.0, True alike)
        got = f"{value_repr(step)}{whole_float_hint(step, 0, outputs - 1)}."
        # a bool is an int in Python: True was refused as "got True" alone
        if isinstance(step, bool | np.bool_):
            got = (
                f"{typed_repr(step)}: `step` is the index of the forecast step explained "
                "(step=1 the second ahead), not a switch."
            )
        raise TypeError(f"`step` must be an integer in [0, {outputs}), got {got}")
    if not 0 <= step < outputs:
        # "[0, 1)" alone left a recursive model's user to guess why step 1 was refused, and
        # -1 (the last, in Python) why; `lstmkit explain --step` said so, as lrp's `target` does
        if cfg.strategy == "recursive":
            why = (
                "the forecaster's strategy is 'recursive': its network forecasts one step "
                "ahead, later steps feeding its forecasts back in"
            )
        else:
            why = f"the forecaster's horizon is {outputs}, step 0 the next one"
        back = "; a negative step does not count from the end" if step < 0 else ""
        raise ValueError(
            f"`step` must be an integer in [0, {outputs}) ({why}{back}), got {plain_repr(step)}."
        )
    step = as_int(step)  # np.int64(2) -> 2
    futures = forecaster._future_columns()
    if futures and cfg.strategy == "direct" and method == "lrp":
        from lstmkit.forecast import _FUTURE  # here: lstmkit.forecast loads no explain code

        raise _lrp_refusal([c.removeprefix(_FUTURE) for c in futures])
    steps_of = future_covariates  # the covariates of the explained forecast's steps 0..step
    if isinstance(future_covariates, np.ndarray):
        steps_of = future_covariates[: (0 if series is None else len(series)) + step + 1]
    inputs = forecaster._encoder_frame(frame)
    x, names, lookback = inputs.to_numpy(), list(inputs.columns), len(inputs)
    decoder, future_names, future_index = None, None, None
    ahead = None  # the future covariates at steps 0..step, from the history prepared above
    if cfg.strategy == "seq2seq" or futures:
        _, ahead = forecaster._split_future(series, steps_of, step + 1)
        # an earlier step reads fewer of them (offered where they end after the first step)
        ahead = forecaster._ahead(frame, series, ahead, step + 1, "explain an earlier `step`")
    if cfg.strategy == "seq2seq":
        # Output step k reads the decoder inputs of steps 0..k only.
        decoder = forecaster._decoder_frame(frame, step + 1, ahead)
        future_names = list(decoder.columns)
        future_index = [D._label(i, period, intraday) for i in decoder.index]
    held = None  # a direct network's future covariates, [1, step + 1, F_fut]
    if cfg.strategy == "direct" and futures:
        held = forecaster._scaled_future(ahead)[None]
    per_lag = np.zeros(lookback)
    per_feature: np.ndarray | None = np.zeros((lookback, x.shape[1]))
    # the decoder inputs' relevance: LRP's alone (the other methods explain the window alone)
    future: np.ndarray | None = None
    if decoder is not None and method == "lrp":
        # lrp_seq2seq takes lrp's options: refused as explain refuses them (else Python's
        # "got an unexpected keyword argument", naming lrp_seq2seq)
        check_method_options("lrp", options)
        future = np.zeros(decoder.shape)
    score = initial = 0.0
    members = list(forecaster.members_)
    decoder_inputs = None if decoder is None else decoder.to_numpy()[None]  # [1, step + 1, F']

    def window_model(net: nn.Module, dtype: torch.dtype, device: torch.device) -> nn.Module:
        """``net`` as a function of the window alone (its future inputs held fixed)."""
        if held is not None:
            return _FixedFuture(net, torch.tensor(held, dtype=dtype, device=device))
        if decoder_inputs is not None:
            return _FixedFuture(net, torch.tensor(decoder_inputs, dtype=dtype, device=device))
        return net

    explained: list[Any] = []
    # over the members: an occlusion of 336 lags of 3 features by 5 members of 64 units took a
    # minute on 2 cores, with nothing on the screen
    if progress is None:
        progress = cfg.progress
    # occlusion's by the windows it scores (told by each model call): a bar of members stood at
    # 0/1 for the whole of one member's occlusion
    by_window = method == "occlusion"
    # integrated gradients' by the points of the path it scores (told by each model call): a
    # bar of members stood at 0/1 for the whole of steps=100000 (minutes)
    by_point = method == "ig"
    if by_window:  # its windows told up front (occlusion tells them again): a bar of no
        # total was first drawn as "explain: 0window [00:00, ?window/s]"
        each = lookback * (1 + x.shape[1] * _per_feature(options.get("per_feature")))
    elif by_point:  # the path's points (steps=np.int64(50) was drawn as 0/1 first)
        each = ig_steps(options) or 1
    else:  # the members
        each = 1
    bar = progress_bar(
        progress,
        total=each * len(members),
        desc="explain",
        unit="window" if by_window else "point" if by_point else "member",
        leave=False,
    )

    def scored(done: int, total: int) -> None:
        if bar.total != total * len(members):  # the method's count is the one that holds
            bar.total = total * len(members)
        bar.update(done)

    windows: list[tuple[nn.Module, torch.Tensor]] = []  # each member's, for blown_up's reference
    # the members' LRP checked as one, their mean being what is shown (quiet: lrp's own check)
    with (
        bar,
        quiet(),
        _told(occluded, scored if by_window else None),
        _told(integrated, scored if by_point else None),
    ):
        if method == "sensitivity" and len(members) > 1:
            # the one method not linear in the score: the ensemble's squared gradient is the
            # square of the members' mean gradient, not the mean of their squares (which adds
            # their spread)
            param = next(members[0].parameters())
            xt = torch.tensor(x[None], dtype=param.dtype, device=param.device)
            ensemble = _Mean([window_model(net, param.dtype, param.device) for net in members])
            explained.append(explain(ensemble, xt, step, method=method, **options))  # type: ignore[arg-type]
            bar.update(len(members))
        else:
            for net in members:
                param = next(net.parameters())
                dtype, device = param.dtype, param.device  # the window goes where the member is
                xt = torch.tensor(x[None], dtype=dtype, device=device)
                windows.append((window_model(net, dtype, device), xt))
                if future is not None:
                    ft = torch.tensor(decoder_inputs, dtype=dtype, device=device)
                    ex = lrp_seq2seq(net, xt, ft, step, **options)  # type: ignore[arg-type]
                    future += ex.decoder_relevance[0].cpu().numpy()
                else:
                    model = window_model(net, dtype, device)
                    ex = explain(model, xt, step, method=method, **options)  # type: ignore[arg-type]
                explained.append(ex)
                if not by_window and not by_point:
                    bar.update()
    for ex in explained:
        per_lag += ex.relevance[0].cpu().numpy()
        if ex.relevance_per_feature is None:
            per_feature = None
        elif per_feature is not None:
            per_feature += ex.relevance_per_feature[0].cpu().numpy()
        score += float(ex.score[0])
        initial += float(ex.initial_state[0])
    baselines = [float(ex.baseline_score[0]) for ex in explained if ex.baseline_score is not None]
    n = len(explained)
    if method == "lrp":
        _warn_if_blown_up(per_lag / n, score / n, windows, step, options)
    shown = _shown_names(list(dict.fromkeys([*names, *(future_names or [])])))
    return ForecastExplanation(
        per_lag=per_lag / n,
        per_feature=None if per_feature is None else per_feature / n,
        features=[shown[c] for c in names],
        window=frame.iloc[-lookback:, 0].to_numpy(dtype=float),
        index=[D._label(i, period, intraday) for i in frame.index[-lookback:]],
        score=score / n,
        step=step,
        method=method,
        future=None if future is None else future / n,
        future_features=None if future is None else [shown[c] for c in future_names or []],
        future_index=None if future is None else future_index,
        initial_state=initial / n,
        time=_step_time(frame.index, step, period, intraday),
        baseline_score=sum(baselines) / n if len(baselines) == n else None,
    )


def _per_feature(given: Any) -> bool:
    """Whether occlusion also occludes each input of each lag on its own, for its
    ``per_feature`` option ``given``: by default, for a network without an embedding, as a
    forecaster's is (a value it refuses counts as the default: the bar shows no error)."""
    return given is None or not isinstance(given, bool | int | np.bool_) or bool(given)


def _warn_if_blown_up(
    per_lag: np.ndarray,
    score: float,
    windows: list[tuple[nn.Module, torch.Tensor]],
    step: int,
    options: dict[str, Any],
) -> None:
    """Warns where the members' mean LRP relevance of the lags (``per_lag``, for the mean
    ``score``) blew up through a long window (:func:`~lstmkit.explain._blown.blown_rows`; the
    reference for a score near 0 is the members' mean sum of ``|input × gradient|`` on their
    ``windows``, ``(model, window)`` each, at output ``step``)."""

    def reference() -> list[float]:
        sums = [input_x_gradient_sums(m, xt, step)[0] for m, xt in windows]
        return [sum(sums) / len(sums)]

    eps = float(options.get("eps", 1e-3))
    if blown := blown_rows([per_lag.tolist()], [score], reference, eps=eps):
        warn_blown_up(blown, 1, eps, noun=("window", "windows"), unit="lags", whole="the window")


def _interval_as_fitted(forecaster: Any) -> Any:
    """``forecaster``, or a shallow copy of it whose ``config.interval`` is the fitted one where
    only that changed since ``fit``: an explanation reads no interval, and the Forecaster refused
    a changed config as a whole (its other fields describe the networks, and still count)."""
    fitted = getattr(forecaster, "_fitted_config", None)
    config = getattr(forecaster, "config", None)
    if fitted is None or config is fitted or config.interval == fitted.interval:
        return forecaster
    view = copy.copy(forecaster)  # the same members and state
    view.config = replace(config, interval=fitted.interval)
    return view


def _step_time(
    index: pd.Index, step: int, period: str | None = None, intraday: bool = False
) -> str | None:
    """The label of forecast step ``step`` after ``index`` (None past pandas' calendar)."""
    try:
        return D._label(D.future_index(index, step + 1)[-1], period, intraday)
    except (pd.errors.OutOfBoundsDatetime, OverflowError):
        return None

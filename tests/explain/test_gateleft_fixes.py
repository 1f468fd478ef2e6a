"""Gate traces and explanation plumbing: fixes of the gateleft review."""

from __future__ import annotations

import re

import pytest
import torch

import lstmkit
from lstmkit.explain.gates import plot_cell_states, plot_gates


def _lstm_trace(*shape: int, lengths: list[int] | None = None) -> lstmkit.nn.trace.Trace:
    torch.manual_seed(0)
    rnn = lstmkit.LSTM(3, 2, batch_first=True)
    with lstmkit.trace(rnn) as tr:
        if lengths is None:
            rnn(torch.randn(*shape, 3))
        else:
            rnn(torch.randn(*shape, 3), lengths=torch.tensor(lengths))
    return tr


def test_plot_gates_of_no_step_names_the_argument() -> None:
    """A trace of zero steps warned "Attempting to set identical low and high xlims" (an
    error under warnings-as-errors) and drew an empty figure."""
    entry = _lstm_trace(1, 0)["l0"]
    message = (
        "`gate_trace` must hold at least one time step of sequence 0 to draw, got none (the "
        "trace has no time step)."
    )
    with pytest.raises(ValueError, match=re.escape(message)):
        plot_gates(entry)
    with pytest.raises(ValueError, match=re.escape(message)):
        entry.plot()
    with pytest.raises(ValueError, match=re.escape(message)):  # drew an empty figure
        plot_cell_states(entry)


class _Gates(dict):
    lengths = None


def test_plot_gates_of_a_sequence_of_length_zero_names_the_argument() -> None:
    entry = _Gates(f=torch.rand(2, 4, 3))
    entry.lengths = torch.tensor([4, 0])
    plot_gates(entry, sample=0)  # the other sequence draws
    message = (
        "`gate_trace` must hold at least one time step of sequence 1 to draw, got none (its "
        "length is 0 of 4 steps)."
    )
    with pytest.raises(ValueError, match=re.escape(message)):
        plot_gates(entry, sample=1)
    entry["c"] = torch.rand(2, 4, 3)
    plot_cell_states(entry, sample=0)
    with pytest.raises(ValueError, match=re.escape(message)):
        plot_cell_states(entry, sample=1)


@pytest.fixture(scope="module")
def ensemble_forecaster():
    from lstmkit.data import load_dataset
    from lstmkit.forecast import Forecaster, ForecasterConfig

    config = ForecasterConfig(horizon=2, lookback=6, ensemble=3, epochs=1, hidden_size=3)
    return Forecaster(config).fit(load_dataset("airline")[:48])


def _member_calls(forecaster, run) -> list[int]:
    """How often each member of ``forecaster`` was called while ``run()`` ran."""
    calls = [0] * len(forecaster.members_)
    handles = [
        net.register_forward_hook(lambda *_, k=k: calls.__setitem__(k, calls[k] + 1))
        for k, net in enumerate(forecaster.members_)
    ]
    try:
        run()
    finally:
        for handle in handles:
            handle.remove()
    return calls


@pytest.mark.parametrize("method", ["gradxinput", "sensitivity", "lrp"])
def test_explaining_an_ensemble_forecaster_calls_each_member_once(
    ensemble_forecaster, method
) -> None:
    """gradxinput and sensitivity called every member twice: once without gradient for the
    target and score, once more for the gradient."""
    from lstmkit.explain.forecast import explain_forecast

    calls = _member_calls(
        ensemble_forecaster, lambda: explain_forecast(ensemble_forecaster, method=method)
    )
    assert calls == [1, 1, 1]


@pytest.mark.parametrize("method", ["gradxinput", "sensitivity"])
def test_gradient_methods_from_one_call_give_the_numbers_of_two(method) -> None:
    """The target, score and gradient of the one call are bit for bit those of a call without
    gradient for the score and another for the gradient, as before."""
    from lstmkit.explain import explain
    from lstmkit.text import TextClassifier

    torch.manual_seed(1)
    model = TextClassifier(30, 4, 5, 3, bidirectional=True).eval()
    x, lengths = torch.randint(1, 30, (4, 7)), torch.tensor([7, 5, 3, 1])
    ex = explain(model, x, method=method, lengths=lengths)
    with torch.no_grad():
        logits = model(x, lengths)
    target = logits.argmax(dim=1)
    e = model.embedding(x).detach().requires_grad_(True)
    handle = model.embedding.register_forward_hook(lambda *_: e)
    try:
        scores = model(x, lengths).gather(1, target[:, None]).squeeze(1)
    finally:
        handle.remove()
    (grad,) = torch.autograd.grad(scores.sum(), e)
    per_feature = grad**2 if method == "sensitivity" else grad * e.detach()
    per_feature = per_feature * (torch.arange(7)[None] < lengths[:, None])[:, :, None]
    assert torch.equal(ex.target, target)
    assert torch.equal(ex.score, logits.gather(1, target[:, None]).squeeze(1).double())
    assert torch.equal(ex.relevance_per_feature, per_feature.double())


def _two_calls() -> lstmkit.nn.trace.Trace:
    torch.manual_seed(0)
    rnn = lstmkit.LSTM(3, 2)
    with lstmkit.trace(rnn) as tr:
        rnn(torch.randn(5, 1, 3))
        rnn(torch.randn(4, 1, 3))
    return tr


def test_export_of_a_layer_called_twice_warns_that_one_call_is_left_out(tmp_path) -> None:
    """export_npz wrote the latest call alone without a word, where saturation() of the same
    trace counts both: a text read in windows lost all but its last window."""
    import numpy as np

    from lstmkit.explain.gates import export_npz

    tr = _two_calls()
    message = (
        "export_npz writes the latest call of each layer (trace[key]), but 'l0' (2 calls) ran "
        "several times: the earlier calls are not written. For every call pass "
        '{f"{k}/call{n}": c for k in tr for n, c in enumerate(tr.calls(k))}; dict(tr) writes '
        "the latest alone, without this warning."
    )
    with pytest.warns(UserWarning, match=re.escape(message)) as caught:
        file = export_npz(tr, tmp_path / "t")
    assert caught[0].filename == __file__  # the caller's line
    assert np.load(file)["l0/f"].shape == (1, 4, 2)
    # the latest alone, on purpose: no warning (warnings are errors here)
    np.testing.assert_array_equal(
        np.load(export_npz(dict(tr), tmp_path / "d"))["l0/f"], tr["l0"]["f"].numpy()
    )
    every = {f"{k}/call{n}": c for k in tr for n, c in enumerate(tr.calls(k))}
    assert np.load(export_npz(every, tmp_path / "e"))["l0/call0/f"].shape == (1, 5, 2)


@pytest.mark.parametrize("function", ["saturation", "export_npz"])
def test_a_mapping_of_whole_traces_is_refused_by_name(function, tmp_path) -> None:
    """{"before": tr_a, "after": tr_b} failed with "'GateTrace' object has no attribute
    'shape'" (saturation) or "... 'detach'" (export_npz)."""
    from lstmkit.explain import gates

    traces = {"before": _two_calls(), "after": _two_calls()}
    message = (
        "`trace` must map keys to gate traces (a lstmkit.trace result), but ['before', "
        "'after'] hold whole traces (Trace) instead of one layer's gates; pass each trace on "
        "its own."
    )
    args = (traces,) if function == "saturation" else (traces, tmp_path / "t")
    with pytest.raises(TypeError, match=re.escape(message)):
        getattr(gates, function)(*args)
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("function", ["plot_gates", "plot_cell_states"])
def test_labels_no_font_has_are_escaped_with_one_warning(function, tmp_path) -> None:
    """Chinese labels were drawn as empty boxes, and saving the figure warned once per
    character ("Glyph 38651 (\\N{CJK UNIFIED IDEOGRAPH-96FB}) missing from font(s) DejaVu
    Sans"), an error under warnings-as-errors."""
    import matplotlib

    from lstmkit.explain import gates

    entry = _lstm_trace(1, 4)["l0"]
    message = (
        "`labels` hold 4 characters that no font matplotlib draws with has ('電', '影', "
        "'很', '好'): drawn as escapes (\\u96fb). To draw them, put a font that has them first "
        "in matplotlib.rcParams['font.sans-serif'] (for Chinese, Japanese or Korean, 'Noto "
        "Sans CJK JP', say); for lstmkit's commands, in a file named matplotlibrc in the folder "
        "they run in: 'font.sans-serif: Noto Sans CJK JP, DejaVu Sans'."
    )
    with matplotlib.rc_context({"font.family": ["sans-serif"], "font.sans-serif": ["DejaVu Sans"]}):
        with pytest.warns(UserWarning, match=re.escape(message)) as caught:
            fig = getattr(gates, function)(entry, labels=["電影", "很", "好", "é😀"])
        fig.savefig(tmp_path / "x.png")  # no glyph is missing: no warning (they are errors)
    assert caught[0].filename == __file__  # the caller's line
    ticks = [[t.get_text() for t in ax.get_xticklabels()] for ax in fig.axes]
    assert ["\\u96fb\\u5f71", "\\u5f88", "\\u597d", "é😀"] in ticks


def test_labels_every_character_of_which_a_font_has_are_drawn_as_given(tmp_path) -> None:
    import matplotlib

    with matplotlib.rc_context({"font.family": ["sans-serif"], "font.sans-serif": ["DejaVu Sans"]}):
        fig = plot_gates(_lstm_trace(1, 2)["l0"], labels=["é", "😀"], path=tmp_path / "x.png")
    assert ["é", "😀"] in [[t.get_text() for t in ax.get_xticklabels()] for ax in fig.axes]


def test_lag_plot_names_no_font_has_are_escaped_with_one_warning(tmp_path) -> None:
    """A CSV's Chinese column names in relevance.png: boxes, and a warning per character when
    it was saved."""
    import matplotlib
    import numpy as np

    from lstmkit.explain.render import plot_lags

    message = (
        "`window_label` and `features` hold 2 characters that no font matplotlib draws with "
        "has ('銷', '量'): drawn as escapes (\\u92b7)."
    )
    with matplotlib.rc_context({"font.family": ["sans-serif"], "font.sans-serif": ["DejaVu Sans"]}):
        with pytest.warns(UserWarning, match=re.escape(message)) as caught:
            fig = plot_lags(
                np.arange(4.0), np.ones((4, 2)), features=["銷量", "price"], window_label="銷量"
            )
        fig.savefig(tmp_path / "x.png")  # no glyph is missing: no warning (they are errors)
    assert caught[0].filename == __file__
    assert fig.axes[0].get_ylabel() == "\\u92b7\\u91cf"
    assert [t.get_text() for t in fig.axes[1].get_yticklabels()] == ["\\u92b7\\u91cf", "price"]

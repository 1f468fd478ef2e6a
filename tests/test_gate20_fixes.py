"""gate20: gate traces and explanation calls, the leftovers.

A bool given for an index or a count (``sample=True``, ``steps=True``: an int in Python) was
refused as "got True", or taken; a GRU's ``n`` was a "new state" where its cell names it the
new gate; a forecaster-like model's layer, its ``encoder``, was named `rnn`; a few wrong-typed
arguments of the gate plots and renderers ended in Python's own errors.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import torch
from torch import nn

import lstmkit
from lstmkit.explain import deletion_curve, integrated_gradients, lrp, occlusion
from lstmkit.explain.gates import plot_cell_states, plot_gates
from lstmkit.explain.render import to_html, to_terminal, top_contributions

_BATCH = "`sample` must be an integer in [0, 2) (the traced batch), got "
_NO_SWITCH = ": `sample` is the index of the sequence drawn (sample=1 draws the batch's second), "


def _traced(kind: str = "LSTM") -> lstmkit.nn.trace.GateTrace:
    torch.manual_seed(0)
    layer = getattr(lstmkit.nn, kind)(3, 4, batch_first=True)
    with lstmkit.trace(layer) as tr, torch.no_grad():
        layer(torch.randn(2, 5, 3))
    return tr["l0"]


class _Encoder(nn.Module):
    """A model of features whose layer is its `encoder`, as a forecaster's network calls it;
    ``pool`` says what its head reads."""

    def __init__(self, pool: str) -> None:
        super().__init__()
        torch.manual_seed(0)
        self.encoder = lstmkit.nn.LSTM(3, 4, batch_first=True)
        self.head = nn.Linear(4, 2)
        self.pool = pool

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out = self.encoder(x)[0]
        if self.pool == "steps":  # a score per step, [B, T, C]
            return self.head(out)
        return self.head(out.mean(1) if self.pool == "mean" else out[:, -1])


class _Rnn(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        torch.manual_seed(0)
        self.rnn = lstmkit.nn.LSTM(3, 4, batch_first=True)
        self.head = nn.Linear(4, 2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.rnn(x)[1][0][-1])


@pytest.mark.parametrize("plot", [plot_gates, plot_cell_states])
@pytest.mark.parametrize("flag", [True, False])
def test_a_bool_sample_is_refused_as_no_index(plot, flag: bool) -> None:
    """sample=True was a ValueError "got True", as if 1 were out of range."""
    with pytest.raises(TypeError) as e:
        plot(_traced(), sample=flag)
    assert str(e.value) == f"{_BATCH}bool {flag}{_NO_SWITCH}not a switch."


def test_a_negative_sample_is_told_it_does_not_count_from_the_end() -> None:
    with pytest.raises(ValueError) as e:
        plot_gates(_traced(), sample=np.int64(-1))
    assert str(e.value) == (
        f"{_BATCH}-1 (a negative sample does not count from the end: the last is 1)."
    )


def test_bool_counts_of_the_explanations_say_what_they_count() -> None:
    """steps=True ran integrated gradients with one point; deletion_curve deleted one step."""
    model, x = _Rnn(), torch.randn(2, 5, 3)
    with pytest.raises(TypeError) as e:
        integrated_gradients(model, x, 0, steps=True)
    assert str(e.value) == (
        "`steps` must be a positive integer, got bool True: `steps` is the number of points on "
        "the path from the baseline to the input, not a switch."
    )
    ex = lrp(model, x, 0)
    with pytest.raises(TypeError) as e:
        deletion_curve(model, x, ex, steps=True)
    assert str(e.value) == (
        "`steps` must be an integer >= 0, got bool True: `steps` is how many of the most "
        "relevant steps are deleted, not a switch."
    )
    with pytest.raises(TypeError) as e:
        occlusion(model, x, 0, batch_size=False)
    assert str(e.value) == (
        "`batch_size` must be a positive integer, got bool False: `batch_size` is the most "
        "sequences per model call, not a switch."
    )
    # an int of numpy's is a count still
    assert integrated_gradients(model, x, 0, steps=np.int64(2)).relevance.shape == (2, 5)


def test_a_bool_step_of_explain_forecast_says_what_a_step_is() -> None:
    from lstmkit.explain import explain_forecast
    from lstmkit.forecast import Forecaster, ForecasterConfig

    sales = pd.Series(np.sin(np.arange(30) / 3), index=pd.date_range("2020-01", periods=30))
    tiny = {"lookback": 4, "hidden_size": 3, "epochs": 1, "ensemble": 1, "seed": 0}
    fc = Forecaster(ForecasterConfig(horizon=3, **tiny)).fit(sales)
    with pytest.raises(TypeError) as e:
        explain_forecast(fc, step=True)
    assert str(e.value) == (
        "`step` must be an integer in [0, 3), got bool True: `step` is the index of the forecast "
        "step explained (step=1 the second ahead), not a switch."
    )


def test_a_grus_n_is_its_new_gate_as_its_cell_names_it() -> None:
    """The trace said "new state" where GRUCell.gates() and summary say "new"."""
    gru, lstm = _traced("GRU"), _traced()
    assert list(lstmkit.nn.GRUCell(3, 4).gates()) == ["reset", "update", "new"]
    with pytest.raises(KeyError) as e:
        gru["candidate"]
    assert e.value.args[0] == (
        "no gate 'candidate' in this trace; it holds 'r' (reset gate), 'z' (update gate), 'n' "
        "(new gate), 'h' (hidden state); 'candidate' ('g') belongs to an LSTM, not to a GRU: "
        "its new gate 'n' is what an LSTM's candidate 'g' is"
    )
    with pytest.raises(ValueError) as e:
        plot_gates(lstm, gates=["n"])
    assert str(e.value) == (
        "`gates` must name one or more gates of the trace (['i', 'f', 'g', 'o', 'c', 'h']), got "
        "['n']; 'n' (new gate) belongs to a GRU, not to an LSTM: its candidate 'g' is what a "
        "GRU's new gate 'n' is."
    )
    fig = plot_gates(gru)
    titles = [ax.get_title(loc="left") for ax in fig.axes if ax.get_title(loc="left")]
    assert titles == [
        "reset gate (r):\n0 drops h from the new gate",
        "update gate (z):\n1 keeps h, 0 takes the new gate",
        "new gate (n)",
        "hidden state (h)",
    ]


def test_an_encoders_messages_name_the_encoder() -> None:
    """A model whose layer is its `encoder` was told of "the model's `rnn`", and of
    "embedding → rnn → ..." though it had neither."""
    x = torch.randn(2, 5, 3)
    with pytest.raises(ValueError) as e:
        lrp(_Encoder("steps"), x, 0)
    assert str(e.value).endswith(
        "`model(x)[:, -1]` for the last one (for lrp, a wrapper with the model's `encoder` and "
        "`head` as its own submodules)."
    )
    with pytest.raises(RuntimeError) as e:
        lrp(_Encoder("mean"), x, 0)
    assert "the model computes something beyond encoder → readout 'last' → head, which lrp " in (
        str(e.value)
    )
    assert str(e.value).endswith("set `readout = 'mean'` on the model to explain it.")


def test_labels_and_titles_of_the_wrong_type_are_refused_by_name() -> None:
    """labels=5 was "object of type 'int' has no len()", title=5 "expected string or
    bytes-like object, got 'int'"."""
    trace = _traced()
    with pytest.raises(TypeError) as e:
        plot_gates(trace, labels=5)
    assert str(e.value) == (
        "`labels` must be a list of the steps' labels (tokens), one per step of sequence 0, or "
        "None, got int 5."
    )
    for plot in (plot_gates, plot_cell_states):
        with pytest.raises(TypeError) as e:
            plot(trace, title=5)
        assert str(e.value) == "`title` must be a str or None, got int 5."


def test_renderers_refuse_tokens_that_are_no_sequence_and_a_bool_k() -> None:
    relevance = [0.1, -0.3, 0.2]
    for render in (to_html, to_terminal, top_contributions):
        with pytest.raises(TypeError) as e:
            render(None, relevance)
        assert str(e.value) == (
            "`tokens` must be a sequence of tokens, one per relevance value, got None."
        )
    with pytest.raises(TypeError) as e:
        top_contributions(["a", "b", "c"], relevance, k=True)
    assert str(e.value) == (
        "`k` must be an integer >= 0, got bool True: `k` is how many steps of largest "
        "|relevance| are listed, not a switch."
    )
    assert top_contributions(["a", "b", "c"], relevance, k=np.int64(1)) == [(1, "b", -0.3)]


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        # one flag refused: the guess alone ("did you mean --epochs for --epcohs?" named the
        # flag just listed twice)
        (["--epcohs", "3"], "--epcohs 3; did you mean --epochs?"),
        (["--jsn=1"], "--jsn=1; did you mean --json (it takes no value)?"),
        # several: each guess with the flag it is for
        (
            ["--epcohs", "3", "--horizn", "2"],
            "--epcohs 3 --horizn 2; did you mean --epochs for --epcohs, --horizon for --horizn?",
        ),
        (["--epcohs", "3", "--zz", "1"], "--epcohs 3 --zz 1; did you mean --epochs for --epcohs?"),
    ],
)
def test_a_typo_hint_names_the_flag_it_is_for_only_among_several(
    flags_refusal, argv: list[str], said: str
) -> None:
    assert flags_refusal(["forecast", "airline", *argv]) == (
        f"error: unrecognized arguments: {said} (`lstmkit forecast --help` lists the flags)\n"
    )

"""revwalk21b: the review of walk21b (README "Explanations" walk) and what it left alone."""

from __future__ import annotations

import numpy as np
import pytest
import torch

import lstmkit
from lstmkit._checks import value_repr
from lstmkit.explain import compare, deletion_curve, explain
from lstmkit.explain.gates import plot_cell_states, plot_gates
from lstmkit.text import TextClassifier

INT_X = " (a whole number as a float: pass int(x))"


@pytest.fixture(scope="module")
def gates() -> dict:
    torch.manual_seed(0)
    layer = lstmkit.nn.LSTM(input_size=3, hidden_size=4, batch_first=True)
    with lstmkit.trace(layer) as tr, torch.no_grad():
        layer(torch.randn(2, 5, 3))
    return tr["l0"]


@pytest.mark.parametrize("plot", [plot_gates, plot_cell_states])
@pytest.mark.parametrize(
    ("sample", "tail"),
    [
        (1.0, INT_X),
        (np.float64(1.0), INT_X),
        (0.5, ""),
        (float("nan"), ""),
        (-1.0, " (a negative sample does not count from the end: the last is 1)"),
    ],
)
def test_a_float_sample_is_a_type_error_as_every_index(gates, plot, sample, tail) -> None:
    """plot_gates(sample=1.0) was a ValueError where explain_forecast(step=1.0), lrp's
    target=1.0 and units=[1.0] are TypeErrors (and its docstring said "no int": TypeError)."""
    with pytest.raises(TypeError) as e:
        plot(gates, sample=sample)
    assert str(e.value) == (
        f"`sample` must be an integer in [0, 2) (the traced batch), got {value_repr(sample)}{tail}."
    )


@pytest.mark.parametrize("plot", [plot_gates, plot_cell_states])
@pytest.mark.parametrize(
    ("units", "shown", "repeated"),
    [
        ([1, 1], "[1, 1]", "1"),
        ([3, np.int64(1), 3, 1], "[3, np.int64(1), 3, 1]", "1, 3"),
        (torch.tensor([2, 2]), "[2, 2]", "2"),
    ],
)
def test_units_that_name_a_unit_twice_are_refused_naming_it(
    gates, plot, units, shown, repeated
) -> None:
    """units=[1, 1] drew unit 1 twice (two identical rows, one line hidden under the other)."""
    # numpy's scalar as numpy 2 writes it, on numpy 1 too (value_repr since nn23)
    with pytest.raises(ValueError) as e:
        plot(gates, units=units)
    assert str(e.value) == f"`units` must name each unit once, got {shown}; repeated: {repeated}."


@pytest.fixture(scope="module")
def regression() -> tuple[TextClassifier, torch.Tensor]:
    torch.manual_seed(0)
    return TextClassifier(20, 4, 4, 1), torch.randint(1, 20, (3, 5))


def test_compare_ranks_by_magnitude_as_the_readme_says(regression) -> None:
    """The README pointed regression outputs to by="magnitude" where compare took no `by`."""
    model, x = regression
    ranked = compare(model, x, methods=["lrp", "gradxinput"], steps=3, by="magnitude")
    for m in ("lrp", "gradxinput"):
        curve = deletion_curve(model, x, explain(model, x, method=m), steps=3, by="magnitude")
        assert torch.equal(ranked.curves[m], curve.mean(dim=0))
    by_value = compare(model, x, methods=["lrp"], steps=3)
    assert not torch.equal(by_value.curves["lrp"], ranked.curves["lrp"])


@pytest.mark.parametrize(
    ("by", "error", "message"),
    [
        (None, TypeError, "`by` must be a str, 'value' or 'magnitude', got None."),
        ("mag", ValueError, "`by` must be 'value' or 'magnitude', got 'mag'."),
    ],
)
def test_compares_by_is_refused_as_deletion_curves(regression, by, error, message) -> None:
    model, x = regression
    with pytest.raises(error) as e:
        compare(model, x, methods=["lrp"], by=by)
    assert str(e.value) == message


@pytest.mark.parametrize(
    ("convention", "error", "got"),
    [
        (None, TypeError, "a str, one of ('equation', 'lrp_for_lstm'), got None."),
        (5, TypeError, "a str, one of ('equation', 'lrp_for_lstm'), got int 5."),
        (
            "Equation",
            ValueError,
            "one of ('equation', 'lrp_for_lstm'), got 'Equation' (did you mean 'equation'?).",
        ),
    ],
)
def test_lrps_convention_is_refused_as_every_choice(regression, convention, error, got) -> None:
    """convention=None or 5 was a ValueError ("got None") where by=None and method=5 are
    TypeErrors, and "Equation" was not asked whether it meant "equation"."""
    model, x = regression
    for run in (explain, lstmkit.explain.lrp):
        with pytest.raises(error) as e:
            run(model, x, eps=0, convention=convention)
        assert str(e.value) == (
            f"`eps` must be a positive finite number, got 0. `convention` must be {got}"
        )


@pytest.mark.parametrize("title", [0, False, b"", []])
def test_a_falsy_title_that_is_no_str_is_refused_as_title_3(title, tmp_path) -> None:
    """walk21b refused title=3 by name, but `title or ""` let 0, False, b"" and [] through
    plot_lags and plot_forecast as no title at all, nothing said."""
    import pandas as pd

    from lstmkit._checks import typed_repr
    from lstmkit.explain._lag_plot import plot_lags
    from lstmkit.forecast import plot_forecast

    history = pd.Series(np.arange(6.0), index=pd.date_range("2020", periods=6))
    forecast = pd.DataFrame({"forecast": [1.0, 2.0]}, index=pd.date_range("2020-01-07", periods=2))
    for draw in (
        lambda: plot_lags(np.arange(4.0), np.arange(4.0), title=title, path=tmp_path / "a.png"),
        lambda: plot_forecast(history, forecast, title=title, path=tmp_path / "b.png"),
    ):
        with pytest.raises(TypeError) as e:
            draw()
        assert str(e.value) == f"`title` must be a str or None, got {typed_repr(title)}."
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("lengths", [None, [5, 3]])
@pytest.mark.parametrize("dtype", [torch.float32, torch.bfloat16])
def test_an_lstm_with_projections_runs_under_warnings_as_errors(lengths, dtype) -> None:
    """lstmkit.nn.LSTM(proj_size=2) in float32 on the CPU failed under `-W error` (pytest's
    filterwarnings=error too) with torch's "LSTM with projections is not supported with
    oneDNN. Using default implementation.": the kernel it takes anyway, nothing to act on."""
    import warnings

    torch.manual_seed(0)
    layer = lstmkit.nn.LSTM(
        input_size=3, hidden_size=4, proj_size=2, batch_first=True, bidirectional=True
    ).to(dtype)
    x = torch.randn(2, 5, 3, dtype=dtype)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out, (h, c) = layer(x, lengths=lengths)
    assert (out.shape, h.shape, c.shape) == ((2, 5, 4), (2, 2, 2), (2, 2, 4))


def test_only_onednns_projection_warning_is_hidden_and_only_there() -> None:
    import contextlib
    import warnings

    from lstmkit.nn import _fused

    cpu, cuda = torch.device("cpu"), torch.device("cuda")
    for device, proj_size in ((cpu, 0), (cuda, 2)):
        quiet = _fused.quiet_onednn_projections(device, proj_size)
        assert isinstance(quiet, contextlib.nullcontext)
    message = _fused.ONEDNN_PROJECTIONS_WARNING + ". Using default implementation."
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with _fused.quiet_onednn_projections(cpu, 2):
            warnings.warn(message, UserWarning, stacklevel=1)
            warnings.warn("another", UserWarning, stacklevel=1)
        warnings.warn(message, UserWarning, stacklevel=1)  # after the block: shown again
    assert [str(w.message) for w in caught] == ["another", message]


class _TimeMajor(torch.nn.Module):
    """A classifier whose `rnn` is time-major; forward() transposes only if told to."""

    def __init__(self, transpose: bool, embedded: bool = True) -> None:
        super().__init__()
        self.embedding = torch.nn.Embedding(10, 4) if embedded else None
        self.rnn = torch.nn.LSTM(4, 5)
        self.head = torch.nn.Linear(5, 2)
        self.transpose = transpose

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        e = x if self.embedding is None else self.embedding(x)
        out, _ = self.rnn(e.transpose(0, 1) if self.transpose else e)
        return self.head(out[-1])


@pytest.mark.parametrize("embedded", [True, False])
@pytest.mark.parametrize("method", ["gradxinput", "sensitivity", "ig", "occlusion"])
def test_a_time_major_model_fed_as_many_sequences_as_steps_is_refused(method, embedded) -> None:
    """With B == T no shape told that the time-major `rnn` read [B, T] as [T, B]: gradxinput
    and sensitivity explained it silently wrong (lrp's recomputation check caught it)."""
    torch.manual_seed(0)
    x = torch.randint(0, 10, (3, 3)) if embedded else torch.randn(3, 3, 4)
    with pytest.raises(RuntimeError) as e:
        explain(_TimeMajor(transpose=False, embedded=embedded), x, method=method)
    assert str(e.value) == (
        "_TimeMajor's `rnn` has batch_first=False and forward() hands it the inputs as they "
        f"are: it reads [B, T, ...] = {tuple(x.shape)} as [T, B, ...], each score mixing the "
        "sequences, which no explanation can attribute; build it with batch_first=True (or "
        "transpose in forward())."
    )
    # a forward() that transposes is explained, as lrp explains it
    model = _TimeMajor(transpose=True, embedded=embedded)
    ex = explain(model, x, method=method)
    assert ex.relevance.shape == (3, 3)
    if method == "gradxinput" and embedded:
        lrp = explain(model, x, method="lrp")
        assert torch.equal(ex.target, lrp.target)

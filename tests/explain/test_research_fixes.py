"""Defects a researcher found while checking the explanations' API, numbers and figures."""

import re

import numpy as np
import pytest
import torch

import lstmkit
from lstmkit.explain import compare, deletion_curve, explain, occlusion
from lstmkit.explain.gates import export_hdf5, export_npz, plot_cell_states
from lstmkit.explain.render import plot_lags, to_terminal
from lstmkit.text import TextClassifier


@pytest.fixture
def model() -> TextClassifier:
    torch.manual_seed(0)
    return TextClassifier(vocab_size=20, embed_dim=4, hidden_size=3, num_classes=2).eval()


def test_explain_refuses_an_option_its_method_does_not_take(model) -> None:
    """It raised Python's "gradient_x_input() got an unexpected keyword argument 'eps'", which
    names a function the caller never called and neither the method nor what it takes."""
    tokens = torch.tensor([[3, 4, 5]])
    with pytest.raises(
        TypeError, match=re.escape("method 'gradxinput' takes no options, got ['eps'].")
    ):
        explain(model, tokens, method="gradxinput", eps=0.1)
    with pytest.raises(
        TypeError,
        match=re.escape(
            "the options of method 'lrp' must be among ('eps', 'bias_factor', 'check', "
            "'convention'), got unknown ['steps', 'value']."
        ),
    ):
        explain(model, tokens, method="lrp", steps=3, eps=0.1, value=0.0)
    # the options a method takes still reach it
    assert explain(model, tokens, method="ig", steps=2).method == "ig"


@pytest.mark.parametrize("export", [export_npz, export_hdf5])
def test_gate_export_refuses_one_entry_by_name(tmp_path, export) -> None:
    """One entry ``tr[key]`` (a mapping of gates to tensors) raised "'Tensor' object has no
    attribute 'items'"; a list raised "'list' object has no attribute 'items'"."""
    if export is export_hdf5:
        pytest.importorskip("h5py")
    rnn = lstmkit.nn.LSTM(2, 3)
    with lstmkit.trace(rnn) as tr:
        rnn(torch.randn(4, 1, 2))
    with pytest.raises(
        TypeError,
        match=re.escape(
            "`trace` must map keys to gate traces (a lstmkit.trace result), but ['i', 'f', 'g', "
            "'o', 'c', 'h'] hold Tensor; for one entry pass {key: tr[key]}."
        ),
    ):
        export(tr["l0"], tmp_path / "out" / "trace.npz")
    with pytest.raises(
        TypeError,
        match=re.escape("`trace` must be a lstmkit.trace result (key → gate trace), got list."),
    ):
        export([1], tmp_path / "out" / "trace.npz")
    assert not (tmp_path / "out").exists()


def test_plot_lags_axis_says_lag_one_is_the_origin() -> None:
    """The axis read "lag (steps before the forecast origin)" under x = -1 for the window's last
    step, which *is* the origin (``origin`` in explanation.json; lag 1 in relevance.csv)."""
    fig = plot_lags(np.arange(4.0), np.ones((4, 2)), features=["y", "x"], forecast=True)
    bottom = fig.axes[1]
    assert bottom.get_xlabel() == "−lag (−1: the window's last step, the forecast origin)"
    # the last step (lag 1 in relevance.csv) is drawn at x = -1
    assert bottom.get_images()[0].get_extent()[:2] == [-4.5, -0.5]


def test_compare_checks_every_options_entry_before_running(model) -> None:
    """``{"lrp": 5}`` raised Python's "argument after ** must be a mapping, not int", and a
    misspelt option raised only when its method's turn came (or never, for a method not run)."""
    tokens = torch.tensor([[3, 4, 5], [6, 7, 8]])
    with pytest.raises(
        TypeError,
        match=re.escape(
            "`options` must map method names to dicts of their keyword arguments (e.g. "
            "{'ig': {'steps': 8}}), got int for 'lrp'."
        ),
    ):
        compare(model, tokens, methods=["lrp"], steps=1, options={"lrp": 5})
    with pytest.raises(
        TypeError,
        match=re.escape(
            "the options of method 'occlusion' must be among ('value', 'per_feature', "
            "'batch_size', 'progress'), got unknown ['steps']."
        ),
    ):
        compare(model, tokens, methods=["lrp"], steps=1, options={"occlusion": {"steps": 2}})


def test_plot_lags_refuses_feature_names_of_another_count(tmp_path) -> None:
    """Two names for three columns raised matplotlib's "The number of FixedLocator locations
    (3), usually from a call to set_ticks, does not match the number of labels (2)."."""
    with pytest.raises(
        ValueError,
        match=re.escape(
            "`features` must name each of the F = 3 columns of `relevance` (4, 3), got 2 names."
        ),
    ):
        plot_lags(np.arange(4.0), np.ones((4, 3)), features=["y", "x"], path=tmp_path / "r.png")
    assert not (tmp_path / "r.png").exists()
    # names from an iterator are read once
    fig = plot_lags(np.arange(4.0), np.ones((4, 2)), features=iter(["y", "x"]))
    assert [t.get_text() for t in fig.axes[1].get_yticklabels()] == ["y", "x"]


def test_deletion_curve_refuses_a_relevance_tensor_for_the_explanation(model) -> None:
    """``deletion_curve(model, tokens, ex.relevance)`` raised "'Tensor' object has no attribute
    'relevance'"."""
    tokens = torch.tensor([[3, 4, 5]])
    ex = explain(model, tokens, method="lrp")
    with pytest.raises(
        TypeError,
        match=re.escape(
            "`explanation` must be an Explanation (what lrp, explain and the other methods "
            "return: its relevance, target and lengths are used), got Tensor; pass the whole "
            "result, not its relevance."
        ),
    ):
        deletion_curve(model, tokens, ex.relevance, steps=1)
    assert deletion_curve(model, tokens, ex, steps=1).shape == (1, 2)


def test_occlusion_and_deletion_check_the_fill_value_and_per_feature(model) -> None:
    """``value="x"`` raised torch's "full_like(): argument 'fill_value' (position 2) must be
    Number, not str" (deletion_curve: masked_fill's overload list), ``value=nan`` gave NaN
    relevance everywhere, and ``per_feature="no"`` occluded every feature (a truthy str)."""
    tokens = torch.tensor([[3, 4, 5]])
    with pytest.raises(
        TypeError,
        match=re.escape(
            "`value` (what an occluded step's vector is set to) must be a real number, got str 'x'."
        ),
    ):
        occlusion(model, tokens, value="x")
    with pytest.raises(
        ValueError,
        match=re.escape(
            "`value` (what an occluded step's vector is set to) must be finite, got nan."
        ),
    ):
        occlusion(model, tokens, value=float("nan"))
    with pytest.raises(TypeError, match=re.escape("`per_feature` must be a bool, got str 'no'.")):
        occlusion(model, tokens, per_feature="no")
    ex = explain(model, tokens, method="lrp")
    with pytest.raises(
        TypeError,
        match=re.escape(
            "`value` (what a deleted step's vector is set to) must be a real number, got str 'x'."
        ),
    ):
        deletion_curve(model, tokens, ex, value="x")
    with pytest.raises(
        ValueError,
        match=re.escape(
            "`value` (what a deleted step's vector is set to) must be finite, got inf."
        ),
    ):
        deletion_curve(model, tokens, ex, value=float("inf"))
    # an int value is a number: occluding with 1 equals occluding with 1.0
    torch.testing.assert_close(
        occlusion(model, tokens, value=1).relevance, occlusion(model, tokens, value=1.0).relevance
    )


class _TorchLSTMModel(torch.nn.Module):
    """A model on torch.nn.LSTM, as a researcher writes one; ``cast`` converts its inputs."""

    def __init__(self, cast: bool = False) -> None:
        super().__init__()
        self.rnn = torch.nn.LSTM(3, 4, batch_first=True)
        self.head = torch.nn.Linear(4, 2)
        self.cast = cast

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        _, (h, _) = self.rnn(x.float() if self.cast else x)
        return self.head(h[-1])


@pytest.mark.parametrize("method", ["lrp", "gradxinput", "occlusion"])
def test_float64_inputs_to_a_float32_torch_model_are_refused_by_name(method) -> None:
    """torch.nn.LSTM's "RNN input dtype (torch.float64) does not match weight dtype
    (torch.float32). Convert input: input.to(torch.float32), ..." came out of explain()."""
    torch.manual_seed(0)
    x = torch.randn(2, 4, 3, dtype=torch.float64)
    with pytest.raises(
        TypeError,
        match=re.escape(
            "`inputs` must have the dtype of the model's parameters (torch.float32), got "
            "torch.float64, on which _TorchLSTMModel failed: convert the inputs "
            "(`inputs.to(torch.float32)`) or the model (`model.to(torch.float64)`)."
        ),
    ):
        explain(_TorchLSTMModel(), x, 0, method=method)
    # a model that casts its inputs itself is explained as before
    assert explain(_TorchLSTMModel(cast=True), x, 0, method=method).relevance.shape == (2, 4)


def test_cell_state_trajectories_tick_whole_steps() -> None:
    """A 5-step sequence was ticked at 0.0, 0.5, 1.0, ... 4.0: half steps that do not exist."""
    torch.manual_seed(0)
    rnn = lstmkit.nn.LSTM(2, 3, batch_first=True)
    with lstmkit.trace(rnn) as tr:
        rnn(torch.randn(1, 5, 2))
    fig = plot_cell_states(tr["l0"])
    ax = fig.axes[0]
    ticks = [t for t in ax.get_xticks() if ax.get_xlim()[0] <= t <= ax.get_xlim()[1]]
    assert ticks == [0.0, 1.0, 2.0, 3.0, 4.0]


def test_to_terminal_refuses_a_color_that_is_not_a_bool() -> None:
    """``color="no"`` (truthy) printed ANSI colours; the house checks flags with as_bool."""
    with pytest.raises(TypeError, match=re.escape("`color` must be a bool, got str 'no'.")):
        to_terminal(["a"], [1.0], color="no")
    assert to_terminal(["a", "b"], [0.5, -0.25], color=False) == "a(+0.500) b(-0.250)"

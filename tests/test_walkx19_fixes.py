"""A new user's pass over README's "Explanations" (intro, own model, rules, command line) and
"The recurrent core": wrong inputs to lrp() and the other methods, told in the user's words."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch
from torch import nn

import lstmkit
from lstmkit.cli import main
from lstmkit.explain import explain, lrp
from lstmkit.explain.gates import plot_gates
from lstmkit.text import TextClassifier

_TOKENS = torch.tensor([[5, 17, 3, 42, 9], [7, 8, 11, 0, 0]])
_TARGET = (
    "`target` must be an integer output index, one integer per sequence, or None (the arg-max), "
    "got "
)


@pytest.fixture(scope="module")
def classifier() -> TextClassifier:
    """README's example classifier."""
    torch.manual_seed(0)
    return TextClassifier(vocab_size=50, embed_dim=8, hidden_size=6, num_classes=2).double().eval()


@pytest.mark.parametrize(
    ("target", "shown"),
    [
        (1.0, "float 1.0"),
        ([0.0, 1.0], "list [0.0, 1.0]"),
        (torch.tensor([1.0, 0.0]), "tensor([1., 0.]) (dtype torch.float32)"),
        (np.array([0.5, 1.0]), "array([0.5, 1. ]) (dtype float64)"),
    ],
)
def test_a_float_target_is_shown_as_given_not_as_the_tensor_it_was_made_into(
    classifier: TextClassifier, target: object, shown: str
) -> None:
    """target=1.0 said "got 1.0 (dtype torch.float32)": a dtype of a tensor the user never
    made (lrp's conversion of the Python float); an array's was torch's too, not its own."""
    with pytest.raises(TypeError) as caught:
        lrp(classifier, _TOKENS, target=target)  # type: ignore[arg-type]
    assert str(caught.value) == f"{_TARGET}{shown}; non-integers are refused."


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            {"eps": "1e-3"},
            "`eps` must be a real number, got str '1e-3' (a number, not text: 0.001).",
        ),
        (
            {"eps": torch.tensor(1e-3)},
            "`eps` must be a real number, got Tensor tensor(0.0010) (give a Python number: "
            "float(x)).",
        ),
        (
            {"bias_factor": torch.tensor(1.0)},
            "`bias_factor` must be a real number, got Tensor tensor(1.) (give a Python number: "
            "float(x)).",
        ),
    ],
)
def test_eps_and_bias_factor_of_the_wrong_kind_are_told_what_to_pass(
    classifier: TextClassifier, options: dict, message: str
) -> None:
    """eps="1e-3" was told "got str '1e-3'" alone (bias_factor="50%" was told its fraction),
    and a 0-d tensor "got Tensor tensor(0.0010)", where lstmkit.nn's layers say float(x)."""
    with pytest.raises(TypeError) as caught:
        lrp(classifier, _TOKENS, **options)
    assert str(caught.value) == message


def test_a_numpy_bias_factor_out_of_range_is_shown_plainly_on_both_numpys(
    classifier: TextClassifier,
) -> None:
    """np.float32(2.0) read "got 2.0" on numpy 1 and "got np.float32(2.0)" on numpy 2; lrp
    takes numpy numbers, so it is refused for its value, shown plainly on both (msg25)."""
    with pytest.raises(ValueError) as caught:
        lrp(classifier, _TOKENS, bias_factor=np.float32(2.0))  # type: ignore[arg-type]
    assert str(caught.value).endswith("1 conserves relevance exactly), got 2.0.")


class _Features(nn.Module):
    """A features model of lrp's parts: ``rnn`` on the inputs as given, then ``head``."""

    def __init__(self, rnn: nn.Module) -> None:
        super().__init__()
        self.rnn = rnn
        self.head = nn.Linear(6, 2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h_n = self.rnn(x)[1]
        return self.head((h_n[0] if isinstance(h_n, tuple) else h_n)[-1])


@pytest.mark.parametrize("method", ["gradxinput", "ig", "occlusion", "sensitivity"])
@pytest.mark.parametrize("layer", ["lstmkit", "torch"])
def test_features_of_the_wrong_width_are_refused_by_every_method_as_lrp_refuses_them(
    method: str, layer: str
) -> None:
    """lrp said "`inputs` has 5 features per step, but the model's `rnn` takes input_size=3."
    The other methods passed on the layer's own message, which named an `input` the user never
    passed ("`input` has 5 features in its last dimension"; torch.nn.LSTM's a RuntimeError,
    "input.size(-1) must be equal to input_size. Expected 3, got 5")."""
    torch.manual_seed(0)
    rnn = (
        lstmkit.nn.GRU(3, 6, batch_first=True)
        if layer == "lstmkit"
        else nn.LSTM(3, 6, batch_first=True)
    )
    model = _Features(rnn)
    message = "`inputs` has 5 features per step, but the model's `rnn` takes input_size=3."
    with pytest.raises(ValueError) as caught:
        explain(model, torch.randn(2, 4, 5), 0, method=method)
    assert str(caught.value) == message
    with pytest.raises(ValueError) as caught:
        lrp(model, torch.randn(2, 4, 5))
    assert str(caught.value) == message
    # the right width is explained
    assert explain(model, torch.randn(2, 4, 3), 0, method=method).relevance.shape == (2, 4)


def test_a_model_that_maps_its_features_first_keeps_its_own_error() -> None:
    """Not lrp's parts (a projection before `rnn`): the width `rnn` takes is not the inputs'."""

    class Projected(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.proj = nn.Linear(4, 3)
            self.rnn = nn.LSTM(3, 6, batch_first=True)
            self.head = nn.Linear(6, 2)

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            return self.head(self.rnn(self.proj(x))[1][0][-1])

    with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
        explain(Projected(), torch.randn(2, 4, 5), 0, method="gradxinput")
    assert explain(Projected(), torch.randn(2, 4, 4), 0, method="gradxinput").relevance.shape == (
        2,
        4,
    )


def test_an_explanation_folder_given_for_the_model_is_told_which_model_it_explained(
    clf_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`lstmkit explain OUT` on the --out of an earlier explanation said "'OUT' is not a saved
    lstmkit model (no config.json in it or in its model/ subfolder)", as for an empty folder."""
    out = tmp_path / "why"
    assert main(["explain", str(clf_dir), "--text", "film 1 was great", "--out", str(out)]) == 0
    capsys.readouterr()
    for argv in (["explain", str(out), "--text", "film 1 was great"], ["predict", str(out)]):
        assert main(argv) == 2
        assert capsys.readouterr().err == (
            f"error: {str(out)!r} is not a saved lstmkit model (no config.json in it or in its "
            "model/ subfolder); it holds the files `lstmkit explain` writes (explanation.html, "
            f"relevance.json, relevance.png), which explained the model {str(clf_dir)!r}: "
            "give that folder.\n"
        )
    assert sorted(p.name for p in out.iterdir()) == [
        "explanation.html",
        "relevance.json",
        "relevance.png",
    ]


class _Readout(nn.Module):
    """README's own model on torch.nn.LSTM, with a `readout` set to what a user may write."""

    def __init__(self, readout: object) -> None:
        super().__init__()
        self.embedding = nn.Embedding(20, 4)
        self.rnn = nn.LSTM(4, 6, batch_first=True)
        self.head = nn.Linear(6, 3)
        self.readout = readout

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        return self.head(self.rnn(self.embedding(tokens))[1][0][-1])


@pytest.mark.parametrize(
    ("readout", "error", "got"),
    [
        ("avg", ValueError, "'avg'."),
        ("Mean", ValueError, "'Mean' (lower case: 'mean')."),
        (None, TypeError, "None."),
    ],
)
def test_a_readout_lrp_does_not_know_is_a_value_error_naming_the_model(
    readout: object, error: type[Exception], got: str
) -> None:
    """readout = "avg" was a TypeError, "lrp supports readouts ('last', 'mean', 'max'), got
    `readout`='avg'.", as if an argument of lrp's had the wrong type; "Mean" got no hint."""
    with pytest.raises(error) as caught:
        lrp(_Readout(readout).double(), torch.tensor([[1, 2, 3]]))
    assert type(caught.value) is error
    assert str(caught.value) == (
        "`readout` of _Readout (what its head reads) must be one of ('last', 'mean', 'max'), "
        f"got {got}"
    )


@pytest.fixture(scope="module")
def traced(classifier: TextClassifier) -> lstmkit.nn.trace.Trace:
    """README's trace of the example classifier: two sequences, the second of 3 steps."""
    with lstmkit.trace(classifier) as tr, torch.no_grad():
        classifier(_TOKENS, lengths=torch.tensor([5, 3]))
    return tr


def test_a_gate_asked_by_word_is_told_its_letter(traced: lstmkit.nn.trace.Trace) -> None:
    """gates=["forget"] (as `lstm.gates()` names it) was told the letters alone, and
    tr[key]["forget gate"] likewise."""
    with pytest.raises(ValueError) as caught:
        plot_gates(traced["rnn/l0"], sample=1, gates=["forget", "o"])
    assert str(caught.value) == (
        "`gates` must name one or more gates of the trace (['i', 'f', 'g', 'o', 'c', 'h']), got "
        "['forget', 'o']; not in the trace: ['forget']; a trace names them by letter: 'f' for "
        "'forget'."
    )
    with pytest.raises(KeyError) as caught:
        traced["rnn/l0"]["Cell_State"]
    assert caught.value.args[0].endswith(
        "'h' (hidden state); a trace names them by letter: 'c' for 'Cell_State'"
    )


def test_a_sentence_as_labels_is_told_it_gives_one_label_per_character(
    traced: lstmkit.nn.trace.Trace,
) -> None:
    """labels="I liked it" was told "got 10" alone: a str's characters are its labels."""
    with pytest.raises(ValueError) as caught:
        plot_gates(traced["rnn/l0"], sample=1, labels="I liked it")
    assert str(caught.value) == (
        "`labels` must give a label to each of the 3 steps of sequence 1 (or to each of the "
        "batch's 5 padded steps), got 10 (a str gives one label per character: for words pass "
        "'I liked it'.split())."
    )
    # three characters for three steps: a character LM's labels, drawn
    assert plot_gates(traced["rnn/l0"], sample=1, labels="abc") is not None


@pytest.mark.parametrize(
    ("sample", "got"),
    [
        ("1", "str '1' (a number, not text: 1)"),
        (torch.tensor(1), "Tensor tensor(1) (give a Python int: int(x))"),
    ],
)
def test_a_sample_of_the_wrong_type_is_a_type_error_saying_what_to_pass(
    traced: lstmkit.nn.trace.Trace, sample: object, got: str
) -> None:
    """sample="1" and torch.tensor(1) were ValueErrors, "got '1'", "got tensor(1)"."""
    with pytest.raises(TypeError) as caught:
        plot_gates(traced["rnn/l0"], sample=sample)  # type: ignore[arg-type]
    assert str(caught.value) == (
        f"`sample` must be an integer in [0, 2) (the traced batch), got {got}."
    )


@pytest.mark.parametrize(
    ("options", "got"),
    [
        (
            {"steps": "8"},
            "`steps` must be a positive integer, got str '8' (a number, not text: 8).",
        ),
        (
            {"batch_size": torch.tensor(4)},
            "`batch_size` must be a positive integer, got Tensor tensor(4) (give a Python int: "
            "int(x)).",
        ),
        ({"steps": None}, "`steps` must be a positive integer, got None."),
    ],
)
def test_a_count_of_the_wrong_type_is_a_type_error_saying_what_to_pass(
    classifier: TextClassifier, options: dict, got: str
) -> None:
    """explain(..., method="ig", steps="8") was a ValueError, "got '8'"; None "got None"."""
    with pytest.raises(TypeError) as caught:
        explain(classifier, _TOKENS, 1, method="ig", **options)
    assert str(caught.value) == got

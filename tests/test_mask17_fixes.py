"""mask17: one [B, T] mask of real steps (`_real_steps(..., batch_first=True)`) for the
explanations and the text classifier, built on the lengths' device; the explanations and the
text predictor under a default meta device (`with torch.device("meta")`,
`torch.set_default_device("meta")`) around a CPU model and CPU inputs, which gave the numbers
of no context or failed; and a model on meta refused by its device, not with torch's "Cannot
copy out of meta tensor"."""

import contextlib
from collections.abc import Callable

import pytest
import torch

import lstmkit
from lstmkit.explain import deletion_curve, explain, lrp
from lstmkit.explain.gates import saturation
from lstmkit.nn.layers import _real_steps
from lstmkit.text import TextClassifier
from lstmkit.text.sentiment import SentimentPredictor
from lstmkit.text.vocab import Vocabulary

TOKENS = torch.tensor([[5, 6, 7, 8, 9], [4, 3, 2, 0, 0], [9, 9, 0, 0, 0]])
LENGTHS = [5, 3, 2]
NO_VALUES = (
    "which the meta device does not hold; got the parameters of TextClassifier on meta. Give "
    "the model its weights first (`model.to_empty(device='cpu')`, then "
    "`model.load_state_dict(...)`)"
)


CONTEXTS = ("with", "set_default_device")  # the keys of the meta_defaults fixture


def _models() -> tuple[TextClassifier, TextClassifier, lstmkit.LSTM, torch.Tensor]:
    """The models of the golden numbers below, drawn in this order from seed 0."""
    torch.manual_seed(0)
    mean = TextClassifier(20, 4, 3, 2, readout="mean").eval()
    top = TextClassifier(20, 4, 3, 2, readout="max").eval()
    layer = lstmkit.LSTM(3, 4, batch_first=True)
    return mean, top, layer, torch.randn(3, 5, 3)


def test_the_batch_first_mask_is_the_brute_force_one_on_the_lengths_device(meta_defaults) -> None:
    """The four [B, T] masks (baselines, gates, evaluate, the classifier) were each built in
    place, three on the default device; one helper now, on the lengths' device."""
    lengths = torch.tensor([4, 1, 7, 3, 7, 2])
    brute = torch.zeros(6, 7, dtype=torch.bool)
    for b, n in enumerate(lengths.tolist()):
        for t in range(n):
            brute[b, t] = True
    for context in (contextlib.nullcontext, *meta_defaults.values()):
        with context():
            mask = _real_steps(lengths, 7, batch_first=True)
            time_major = _real_steps(lengths, 7)
        assert (mask.device.type, time_major.device.type) == ("cpu", "cpu")
        assert torch.equal(mask, brute)
        assert mask.is_contiguous()  # not the [T, B] one's transposed view
        assert torch.equal(time_major, brute.T)


def test_the_masks_callers_give_their_numbers_as_before() -> None:
    """Golden numbers from before the one helper: the classifier's max readout, occlusion's
    padded steps, a deletion curve and the saturation of a padded gate trace."""
    mean, top, layer, x = _models()
    assert top(TOKENS, lengths=LENGTHS)[2].tolist() == pytest.approx(
        [0.5157986879348755, 0.1658579558134079], rel=1e-6
    )
    occluded = explain(mean, TOKENS, 0, method="occlusion", lengths=LENGTHS).relevance
    assert occluded[1].tolist() == pytest.approx(
        [-0.02905532717704773, 0.00791957974433899, -0.030957520008087158, 0.0, 0.0], rel=1e-5
    )
    curve = deletion_curve(mean, TOKENS, lrp(mean, TOKENS, 0, lengths=LENGTHS))
    assert curve[2, :4].tolist() == pytest.approx(
        [0.21894727647304535, 0.23693421483039856, 0.26524239778518677, 0.26524239778518677],
        rel=1e-6,
    )
    with lstmkit.trace(layer) as tr:
        layer(x, lengths=torch.tensor(LENGTHS))
    stats = saturation(tr, low=0.45, high=0.55)
    assert stats[["left", "right", "steps"]].to_numpy().tolist()[:3] == [
        [0.2, 0.1, 10.0],
        [0.6, 0.4, 10.0],
        [0.8, 0.1, 10.0],
    ]


def _explained(method: str, lengths: list[int] | None) -> Callable[[TextClassifier], object]:
    return lambda model: explain(model, TOKENS, 0, method=method, lengths=lengths).relevance


CALLS = {
    # lrp's target was read on the default device ("Cannot copy out of meta tensor")
    "lrp": lambda model: lrp(model, TOKENS, 0, lengths=LENGTHS).relevance,
    # and the steps of its mean readout without lengths
    "lrp without lengths": lambda model: lrp(model, TOKENS, None).relevance,
    # the gradient methods' target ("Tensor on device cpu is not on the expected device meta!")
    "gradxinput": _explained("gradxinput", LENGTHS),
    # occlusion's mask of no padding was made on the default device
    "occlusion without lengths": _explained("occlusion", None),
    "ig": _explained("ig", LENGTHS),
    # the deletion curve was an empty tensor on the default device
    "deletion_curve": lambda model: deletion_curve(
        model, TOKENS, lrp(model, TOKENS, 1, lengths=LENGTHS)
    ),
}


@pytest.mark.parametrize("context", CONTEXTS)
@pytest.mark.parametrize("call", CALLS)
def test_explanations_under_a_default_meta_device_give_the_cpu_numbers(
    context: str, call: str, meta_defaults
) -> None:
    model = _models()[0]
    torch.manual_seed(1)
    expected = CALLS[call](model)
    with meta_defaults[context]():
        torch.manual_seed(1)
        got = CALLS[call](model)
    assert got.device.type == "cpu"
    assert torch.equal(got, expected)


@pytest.mark.parametrize("context", CONTEXTS)
def test_saturation_of_a_padded_trace_under_a_default_meta_device(
    context: str, meta_defaults
) -> None:
    """Its mask of real steps was made on the default device beside the gates on the CPU
    ("Cannot copy out of meta tensor")."""
    _, _, layer, x = _models()
    with lstmkit.trace(layer) as tr:
        layer(x, lengths=torch.tensor(LENGTHS))
    expected = saturation(tr, low=0.45, high=0.55)
    with meta_defaults[context]():
        got = saturation(tr, low=0.45, high=0.55)
    assert got.equals(expected)
    assert got["steps"].tolist()[0] == 10


def _predictor(device: str = "cpu") -> SentimentPredictor:
    vocab = Vocabulary.build(["a good film", "a bad film"])
    torch.manual_seed(0)
    with torch.device(device):
        model = TextClassifier(len(vocab), 4, 3, 2).eval()
    return SentimentPredictor(model, vocab, ("neg", "pos"))


@pytest.mark.parametrize("context", CONTEXTS)
def test_predictions_under_a_default_meta_device_are_the_cpu_ones(
    context: str, meta_defaults
) -> None:
    """predict_proba put its rows back in order with an index on the default device, which
    wrote nothing: the probabilities were an empty tensor's leftover bytes (0.0 and 8.4e-45),
    without a word."""
    predictor = _predictor()
    texts = ["a good film", "bad", "a film"]
    expected = predictor.predict_proba(texts)
    words = predictor.explain("a good film")
    with meta_defaults[context]():
        got = predictor.predict_proba(texts)
        assert predictor.explain("a good film") == words
    assert torch.equal(got, expected)
    assert got.sum(dim=1).tolist() == pytest.approx([1.0, 1.0, 1.0])


def test_a_model_on_meta_is_refused_by_its_device() -> None:
    """deletion_curve was told to move its inputs to meta ("move them to one device (e.g.
    `inputs.to('meta')`)"), the predictor and saturation failed with torch's "Cannot copy out
    of meta tensor; no data!"."""
    model = _models()[0]
    explanation = lrp(model, TOKENS, 0, lengths=LENGTHS)
    with torch.device("meta"):
        on_meta = TextClassifier(20, 4, 3, 2).eval()
        layer = lstmkit.LSTM(3, 4, batch_first=True)
    with pytest.raises(RuntimeError) as caught:
        deletion_curve(on_meta, TOKENS, explanation)
    assert str(caught.value) == (
        f"explanations compute with the values of the model and its inputs, {NO_VALUES} and "
        "its inputs on the same device."
    )
    predictor = _predictor("meta")
    for call, done in [
        (lambda: predictor.predict("a good film"), "predictions"),
        (lambda: predictor.predict_proba(["a good film"]), "predictions"),
        (lambda: predictor.explain("a good film"), "explanations"),
    ]:
        with pytest.raises(RuntimeError) as caught:
            call()
        assert str(caught.value) == (
            f"{done} compute with the values of the model, "
            + NO_VALUES.replace("the parameters of", "the outputs of")
            + ", or load a saved one with `SentimentPredictor.load(model_dir)`."
        )
    with lstmkit.trace(layer) as tr:
        layer(torch.zeros(2, 3, 3, device="meta"))
    with pytest.raises(RuntimeError) as caught:
        saturation(tr)
    assert str(caught.value) == (
        "`trace` must hold gate values to count, got ['l0'] on the meta device, which holds "
        "none (a trace of a model on meta); give the model its weights first "
        "(`model.to_empty(device='cpu')`, then `model.load_state_dict(...)`) and trace it again."
    )


@pytest.mark.parametrize("context", CONTEXTS)
def test_a_trace_export_and_a_confusion_matrix_under_a_default_meta_device(
    context: str, tmp_path, meta_defaults
) -> None:
    """export_npz failed with "Cannot copy out of meta tensor" (torch.as_tensor moved the CPU
    lengths to the default device), and confusion_matrix's counts were made there, so that
    `.tolist()` failed the same way."""
    import numpy as np

    from lstmkit.explain.gates import export_npz
    from lstmkit.text import sentiment

    model, _, layer, x = _models()
    with lstmkit.trace(layer) as tr:
        layer(x, lengths=torch.tensor(LENGTHS))
    ids, labels = [[5, 6, 7], [4, 3], [9]], [0, 1, 1]
    expected = sentiment.confusion_matrix(model, ids, labels, 2, 2)
    with meta_defaults[context]():
        path = export_npz(tr, tmp_path / "gates.npz")
        got = sentiment.confusion_matrix(model, ids, labels, 2, 2)
    assert np.load(path)["l0/lengths"].tolist() == LENGTHS
    assert got.device.type == "cpu"
    assert torch.equal(got, expected)
    assert int(got.sum()) == 3

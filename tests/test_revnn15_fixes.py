"""revnn15, a review of nn15: lengths torch cannot read shown on one line (a pandas Series, a
NumPy array), the meta refusal's words beside a meta input and in the text classifier and the
explanations, a list of lengths read under `with torch.device("meta")`, and a [T] mask of 0.0
and 1.0 beside a batch of as many sequences as steps."""

import dataclasses

import numpy as np
import pandas as pd
import pytest
import torch

import lstmkit
from lstmkit.explain import explain, lrp
from lstmkit.explain.evaluate import deletion_curve
from lstmkit.nn import GRU, LSTM
from lstmkit.text.classifier import TextClassifier

X = torch.randn(4, 5, 2, generator=torch.Generator().manual_seed(0))  # [B, T, I]
TOKENS = torch.tensor([[5, 17, 3, 42, 9], [7, 8, 11, 0, 0]])
META = "a meta tensor holds no values to read the lengths from; pass them as ints (a list, or a "
META += "tensor on any real device: `torch.tensor([...])`)."


@pytest.mark.parametrize(
    ("lengths", "shown"),
    [
        (pd.Series([[1, 2], [3], [4], [5]]), "Series [[1, 2], [3], [4], [5]]"),
        (pd.Series(["4", "3", "2", "1"]), "Series ['4', '3', '2', '1']"),
        (pd.DataFrame({"n": [[1], [2, 3], [4], [5]]}), "DataFrame [[[1]], [[2, 3]], [[4]], [[5]]]"),
        (np.array([[1, 2], [3], [4], [5]], dtype=object), "ndarray [[1, 2], [3], [4], [5]]"),
        ([[1, 2], [3], [4], [5]], "[[1, 2], [3], [4], [5]]"),  # as it was
    ],
)
def test_lengths_torch_cannot_read_are_shown_on_one_line(lengths: object, shown: str) -> None:
    """Were shown by reprlib as cut multi-line fragments: "got 0    [1, 2]\\n1...\\ndtype:
    object." for a Series, "array([list([... dtype=object)" for a NumPy array."""
    with pytest.raises(TypeError) as caught:
        LSTM(2, 3, batch_first=True)(X, lengths=lengths)
    assert str(caught.value) == f"`lengths` must be a 1-D tensor or sequence of ints, got {shown}."


def test_meta_lengths_beside_a_meta_input_are_not_told_it_differs() -> None:
    """Was "`lengths` is on device meta but `input` is on meta" (no "but" to it)."""
    layer = LSTM(2, 3, batch_first=True, device="meta")
    with pytest.raises(RuntimeError) as caught:
        layer(X.to("meta"), lengths=torch.tensor([5, 4, 3, 2], device="meta"))
    assert str(caught.value) == f"`lengths` is on device meta, as `input` is: {META}"


def test_a_list_of_lengths_is_read_under_a_meta_default_device() -> None:
    """Under `with torch.device("meta")` (a model sized without memory) a list of lengths became
    a meta tensor and was refused as "`lengths` must be a 1-D tensor or sequence of ints, got
    [5, 4, 3, 2]." (the meta refusal's own remedy met it too), and the explicit path and a gate
    trace then made their step index on the meta device beside the lengths on the CPU."""
    with torch.device("meta"):
        layer = GRU(2, 3, batch_first=True, bidirectional=True, implementation="explicit")
        with lstmkit.trace(layer) as tr:
            out, h_n = layer(torch.randn(4, 5, 2), lengths=[5, 4, 3, 2])
        with pytest.raises(TypeError) as caught:  # Keras' mask=, read as lengths are
            layer(torch.randn(4, 5, 2), mask=[[1, 1, 0, 0, 0]] * 4)
    assert (out.device.type, tuple(out.shape), tuple(h_n.shape)) == ("meta", (4, 5, 6), (2, 4, 3))
    assert tuple(tr["l0"]["z"].shape) == (4, 5, 3)
    assert str(caught.value).endswith(
        "`mask` is `lengths` here, each sequence's true length [B]: this one is a [B, T] mask: "
        "pass each sequence's length, `lengths=torch.as_tensor(mask).sum(1)` for sequences "
        "padded at the end."
    )


def test_the_text_classifier_and_the_explanations_name_the_input_device() -> None:
    """Their refusal of meta lengths named only the lengths' device ("`lengths` is on device
    meta: ..."), as they did not pass the input's."""
    torch.manual_seed(0)
    model = TextClassifier(50, 4, 6, 3).double()
    meta = torch.tensor([5, 3], device="meta")
    with pytest.raises(RuntimeError) as caught:
        model(TOKENS, lengths=meta)
    assert str(caught.value) == f"`lengths` is on device meta but `tokens` is on cpu: {META}"
    said = f"`lengths` is on device meta but `inputs` is on cpu: {META}"
    with pytest.raises(RuntimeError) as caught:
        lrp(model, TOKENS, 0, lengths=meta)
    assert str(caught.value) == said
    with pytest.raises(RuntimeError) as caught:
        explain(model, TOKENS, 0, method="gradxinput", lengths=meta)
    assert str(caught.value) == said
    explanation = lrp(model, TOKENS, 0, lengths=[5, 3])  # the remedy
    assert explanation.relevance[1, 3:].abs().max().item() == 0.0
    with pytest.raises(RuntimeError) as caught:
        deletion_curve(model, TOKENS, dataclasses.replace(explanation, lengths=meta))
    assert str(caught.value) == said


def test_a_float_t_mask_beside_as_many_sequences_is_told_as_a_mask() -> None:
    """With B == T, a [T] mask of 0.0 and 1.0 was told "(whole numbers: pass them as ints,
    `lengths=lengths.long()`)", whose zeros were refused in turn (lengths lie in [1, T])."""
    layer = LSTM(2, 3, batch_first=True)
    x = X[:, :4]  # [4, 4, 2]
    with pytest.raises(TypeError) as caught:
        layer(x, lengths=torch.tensor([1.0, 1.0, 0.0, 0.0]))
    assert str(caught.value) == (
        "`lengths` must hold integers, got dtype torch.float32: that of a [T] mask: a batch of 4 "
        "sequences takes one length each, `lengths=torch.full((4,), int(mask.sum()))` where "
        "every sequence is padded at the end as this mask says."
    )
    with pytest.raises(TypeError) as caught:  # all 1.0: lengths of 1 may be meant, as before
        layer(x, lengths=np.ones(4))
    assert str(caught.value) == (
        "`lengths` must hold integers, got dtype float64 (whole numbers: pass them as ints, "
        "`lengths=lengths.astype(int)`)."
    )
    out, _ = layer(x, lengths=torch.full((4,), 2))
    assert out[:, 2:].abs().max().item() == 0.0


INT_MASK = (
    "that of a [T] mask: a batch of 4 sequences takes one length each, "
    "`lengths=torch.full((4,), int({total}))` where every sequence is padded at the end as this "
    "mask says."
)


@pytest.mark.parametrize(
    ("mask", "total"),
    [
        (torch.tensor([1, 1, 1, 0, 0]), "mask.sum()"),  # mask.long()
        (np.array([1, 1, 1, 0, 0]), "mask.sum()"),  # NumPy's ints
        ([1, 1, 1, 0, 0], "torch.as_tensor(mask).sum()"),
    ],
)
def test_an_int_t_mask_is_told_as_the_float_and_bool_ones_are(mask: object, total: str) -> None:
    """A [T] mask of ints 0 and 1 (nn15 told the floats and bools) was told only its shape,
    "`lengths` must be 1-D with one entry per sequence (4), got shape (5,)."."""
    layer = LSTM(2, 3, batch_first=True)
    with pytest.raises(ValueError) as caught:
        layer(X, lengths=mask)
    assert str(caught.value) == (
        "`lengths` must be 1-D with one entry per sequence (4), got shape (5,), "
        + INT_MASK.format(total=total)
    )
    out, _ = layer(X, lengths=torch.full((4,), int(torch.as_tensor(mask).sum())))  # the remedy
    assert out[:, 3:].abs().max().item() == 0.0


def test_an_int_t_mask_of_one_sequence_or_with_a_gap() -> None:
    layer = GRU(2, 3)  # time-major
    with pytest.raises(ValueError) as caught:  # beside a batch, with a gap
        layer(X.transpose(0, 1), lengths=torch.tensor([1, 0, 1, 1, 0]))
    assert str(caught.value) == (
        "`lengths` must be 1-D with one entry per sequence (4), got shape (5,), that of a [T] "
        "mask whose padded step 1 comes before real step 2: lengths describe sequences padded "
        "at the end only, so keep the real steps of every sequence, `input = input[mask != 0]`, "
        "and pass no lengths."
    )
    mask = np.array([1, 1, 1, 0, 0])
    x = X[:1].transpose(0, 1)  # a batch of one sequence [T, 1, I]
    with pytest.raises(ValueError) as caught:
        layer(x, lengths=mask)
    assert str(caught.value) == (
        "`lengths` must be 1-D with one entry per sequence (1), got shape (5,), that of a [T] "
        "mask: pass the sequence's length, `lengths=mask.sum()` for a sequence padded at the end."
    )
    out, h_n = layer(x, lengths=mask.sum())  # the remedy: its three real steps alone
    torch.testing.assert_close(h_n, layer(x[:3])[1], rtol=0, atol=1e-6)
    assert out[3:].abs().max().item() == 0.0
    with pytest.raises(ValueError) as caught:  # unbatched [T, I]: nn12's words (revnn11's pin)
        layer(X[0], lengths=mask)
    assert str(caught.value).endswith(
        "got shape (5,): the input is one unbatched sequence [T, "
        "I] of 5 steps, whose length is one int (`lengths=5` or fewer); a batch of sequences is "
        "3-D [T, B, I]."
    )
    with pytest.raises(ValueError) as caught:  # all ones, or no step of T: lengths' words
        layer(X.transpose(0, 1), lengths=[1, 1, 1, 1, 1])
    assert (
        str(caught.value)
        == "`lengths` must be 1-D with one entry per sequence (4), got shape (5,)."
    )

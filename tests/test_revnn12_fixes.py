"""Review of nn12 (masks told what runs right): remedies that did not run as written — a
pandas mask's compaction, a batch-first batch of one's [T] mask with a gap — and Keras'
`mask=` on one unbatched sequence, told the `mask.sum(1)` of a [B, T] mask."""

from __future__ import annotations

import pandas as pd
import pytest
import torch

from lstmkit.nn import LSTM


def _refusal(call, error=ValueError) -> str:
    with pytest.raises(error) as err:
        call()
    return str(err.value)


def _code(message: str) -> list[str]:
    """The code spans of a message, in order."""
    return message.split("`")[1::2]


def _run(code: list[str], **names) -> dict:
    """Run a message's code spans with ``names``: statements (`keep = ...`) and a
    `lengths=...` keyword, whose value lands in ``lengths``; other spans (names) are skipped."""
    scope = {"torch": torch, **names}
    for span in code:
        if span.startswith("lengths="):
            scope["lengths"] = eval(span.removeprefix("lengths="), scope)
        elif " = " in span:
            exec(span, scope)
    return scope


@pytest.mark.parametrize("dtype", [bool, "boolean", "Int64"])
def test_a_pandas_masks_compaction_runs_as_written(dtype):
    """A pandas DataFrame mask with a gap was told `keep = (torch.as_tensor(mask) == 0)...`,
    which raises "ValueError: expected sequence of length 2 at dim 0 (got 4)" (torch reads a
    DataFrame by its column labels); pandas' nullable dtypes (boolean, Int64) were refused with
    the DataFrame's printout ("must be a 1-D tensor or sequence of ints, got    0  1 ..."), as
    nn12 had fixed for the others. Now each is named a mask and told
    `torch.tensor(mask.to_numpy(float))`, which runs and gives each sequence's real steps
    alone."""
    torch.manual_seed(0)
    lstm = LSTM(2, 3, batch_first=True, dtype=torch.float64)
    mask = pd.DataFrame([[0, 1, 1, 1], [1, 1, 0, 0]], columns=list("abcd"), dtype=dtype)
    x = torch.randn(2, 4, 2, dtype=torch.float64)
    says = _refusal(lambda: lstm(x, lengths=mask))
    assert says == (
        "`lengths` must be 1-D with one entry per sequence (2), got shape (2, 4), that of a "
        "[B, T] mask whose sequence 0 has padded step 0 before real step 1: lengths describe "
        "sequences padded at the end only, so move each sequence's real steps to the front "
        "first, `keep = (torch.tensor(mask.to_numpy(float)) == 0).argsort(dim=1, stable=True)`, "
        "`input = input.gather(1, keep.unsqueeze(-1).expand_as(input))`, then pass "
        "`lengths=mask.sum(axis=1)`."
    )
    scope = _run(_code(says), mask=mask, input=x)
    out, (h_n, _) = lstm(scope["input"], lengths=scope["lengths"])
    for b, steps in enumerate(([1, 2, 3], [0, 1])):
        alone, (h, _) = lstm(x[b, steps])
        torch.testing.assert_close(out[b, : len(steps)], alone, rtol=0, atol=1e-14)
        torch.testing.assert_close(h_n[:, b], h, rtol=0, atol=1e-14)


def test_a_series_mask_with_a_gap_is_kept_as_written():
    """One sequence's pandas Series mask (a labelled index) with a gap was told
    `input[torch.as_tensor(mask) != 0]`: "could not determine the shape of object type
    'Series'"; now through `.to_numpy()`, which keeps the real steps."""
    lstm = LSTM(2, 3, dtype=torch.float64)
    mask = pd.Series([0.0, 1.0, 1.0, 0.0], index=list("abcd"))
    x = torch.arange(8, dtype=torch.float64).reshape(4, 2)
    says = _refusal(lambda: lstm(x, lengths=mask))
    assert says.endswith(
        "that of a [T] mask whose padded step 0 comes before real step 1: lengths describe a "
        "sequence padded at the end only, so keep its real steps, "
        "`input = input[torch.tensor(mask.to_numpy(float)) != 0]`, and pass no lengths."
    )
    kept = _run(_code(says)[1:], mask=mask, input=x)["input"]
    assert kept.tolist() == [[2.0, 3.0], [4.0, 5.0]]


def test_a_batch_of_ones_mask_with_a_gap_is_kept_on_its_time_dimension():
    """A batch-first batch of one [1, T, I] with a [T] mask with a gap was told
    `input = input[mask != 0]`, an IndexError ("The shape of the mask [4] at index 0 does not
    match ... [1, 4, 2]"); now `input[:, mask != 0]`, its time dimension. Time-major [T, 1, I]
    and unbatched [T, I] keep `input[mask != 0]`, which indexes time there."""
    torch.manual_seed(0)
    mask = torch.tensor([0.0, 1.0, 1.0, 0.0])
    seq = torch.randn(4, 2, dtype=torch.float64)
    expected = LSTM(2, 3, dtype=torch.float64)
    for batch_first, x, index in [
        (True, seq.unsqueeze(0), ":, "),
        (False, seq.unsqueeze(1), ""),
        (True, seq, ""),
    ]:
        lstm = LSTM(2, 3, batch_first=batch_first, dtype=torch.float64)
        lstm.load_state_dict(expected.state_dict())
        says = _refusal(lambda lstm=lstm, x=x: lstm(x, lengths=mask))
        assert _code(says)[1] == f"input = input[{index}mask != 0]"
        out, _ = lstm(_run(_code(says)[1:], mask=mask, input=x)["input"])
        torch.testing.assert_close(out.reshape(2, 3), expected(seq[1:3])[0], rtol=0, atol=1e-14)


def test_keras_mask_on_one_unbatched_sequence_is_told_its_length():
    """`lstm(x, mask=m)` with one unbatched sequence [T, I] and its [T] mask was told
    `lengths=mask.sum(1)` (an IndexError on a 1-D mask, "Dimension out of range"); now the
    [T] mask's own remedy: its length, or the real steps kept where it has a gap."""
    torch.manual_seed(0)
    lstm = LSTM(2, 3, dtype=torch.float64)
    x = torch.randn(4, 2, dtype=torch.float64)
    head = (
        "LSTM.forward() takes no Keras argument `mask`: `mask` is `lengths` here, each "
        "sequence's true length [B]: this one is a [T] mask"
    )
    mask = torch.tensor([True, True, True, False])
    says = _refusal(lambda: lstm(x, mask=mask), TypeError)
    assert says == head + (
        ": pass the sequence's length, `lengths=mask.sum()` for a sequence padded at the end."
    )
    lengths = _run(_code(says)[3:], mask=mask)["lengths"]
    torch.testing.assert_close(lstm(x, lengths=lengths)[0][:3], lstm(x[:3])[0])
    gap = torch.tensor([1.0, 0.0, 1.0, 1.0])
    says = _refusal(lambda: lstm(x, mask=gap), TypeError)
    assert says == head + (
        " whose padded step 1 comes before real step 2: lengths describe a sequence padded at "
        "the end only, so keep its real steps, `input = input[mask != 0]`, and pass no lengths."
    )
    # a mask of another shape keeps the general hint
    says = _refusal(lambda: lstm(x, mask=torch.ones(3)), TypeError)
    assert says.endswith("`lengths=mask.sum(1)` for a [B, T] mask of sequences padded at the end.")


def test_a_text_models_token_mask_with_a_gap_is_told_a_compaction_for_tokens():
    """A TextClassifier (and lrp) given a [B, T] token mask with a gap as `lengths` was told
    `input = input.gather(1, keep.unsqueeze(-1).expand_as(input))`: its input is `tokens`
    (lrp's `inputs`), token ids [B, T], on which that raises "expand(...[2, 4, 1], size=[2, 4])".
    Now `tokens = tokens.gather(1, keep)`, which runs and classifies each sequence as its
    real tokens alone do."""
    from lstmkit.explain import lrp
    from lstmkit.text.classifier import TextClassifier

    torch.manual_seed(0)
    model = TextClassifier(vocab_size=10, embed_dim=3, hidden_size=4, num_classes=2).double()
    model.eval()
    tokens = torch.tensor([[0, 3, 4, 5], [2, 3, 0, 0]])
    mask = tokens != 0
    says = _refusal(lambda: model(tokens, lengths=mask))
    tail = (
        "that of a [B, T] mask whose sequence 0 has padded step 0 before real step 1: lengths "
        "describe sequences padded at the end only, so move each sequence's real steps to the "
        "front first, `keep = (mask == 0).argsort(dim=1, stable=True)`, "
        "`{0} = {0}.gather(1, keep)`, then pass `lengths=mask.sum(1)`."
    )
    assert says.endswith(tail.format("tokens"))
    scope = _run(_code(says), mask=mask, tokens=tokens)
    got = model(scope["tokens"], lengths=scope["lengths"])
    alone = torch.cat([model(tokens[:1, 1:]), model(tokens[1:, :2])])
    torch.testing.assert_close(got, alone, rtol=0, atol=1e-14)
    assert _refusal(lambda: lrp(model, tokens, lengths=mask)).endswith(tail.format("inputs"))

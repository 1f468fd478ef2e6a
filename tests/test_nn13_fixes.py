"""lstmkit.nn leftovers of nn12 (nn13): a [T] mask of bools passed as `lengths` beside a batch,
a pandas mask holding a missing value, Keras' square `mask=` beside a time-major input, and an
unbatched call's batched (h_0, c_0) told both at once."""

from __future__ import annotations

import pandas as pd
import pytest
import torch

from lstmkit.nn import GRU, LSTM


def _refusal(call, error=ValueError) -> str:
    with pytest.raises(error) as err:
        call()
    return str(err.value)


def _hint(message: str) -> list[str]:
    """The code spans of a message, in order."""
    return message.split("`")[1::2]


def _alone(layer, x, real, batch_first):
    """Each sequence's real steps (``real``: [B, T] bools) run alone (unbatched): its outputs."""
    xs = x if batch_first else x.transpose(0, 1)
    return [layer(xs[b][real[b]])[0] for b in range(xs.shape[0])]


def test_a_bool_series_as_lengths_is_named_a_mask():
    """A pandas Series of bools (one sequence's [T] mask) passed as `lengths` beside a batch
    was told "`lengths` must hold integers, got dtype bool"; it is now named a [T] mask and told
    the lengths (or, with a gap, the steps to keep) that run as each sequence alone."""
    torch.manual_seed(0)
    lstm = LSTM(3, 2, batch_first=True, dtype=torch.float64)
    x = torch.randn(2, 4, 3, dtype=torch.float64)
    mask = pd.Series([True, True, False, False])
    says = _refusal(lambda: lstm(x, lengths=mask), TypeError)
    assert says == (
        "`lengths` must hold integers, got dtype bool: that of a [T] mask: a batch of 2 sequences "
        "takes one length each, `lengths=torch.full((2,), int(mask.sum()))` where every sequence "
        "is padded at the end as this mask says."
    )
    lengths = eval(_hint(says)[-1].removeprefix("lengths="), {"mask": mask, "torch": torch})
    out, _ = lstm(x, lengths=lengths)
    real = torch.tensor([[True, True, False, False]] * 2)
    for b, alone in enumerate(_alone(lstm, x, real, True)):
        torch.testing.assert_close(out[b, :2], alone)
    assert not out[:, 2:].any()

    gru = GRU(3, 2, dtype=torch.float64)  # time-major: input [T, B, I]
    gap = pd.Series([True, False, True, False])
    says = _refusal(lambda: gru(x.transpose(0, 1), lengths=gap), TypeError)
    assert says == (
        "`lengths` must hold integers, got dtype bool: that of a [T] mask whose padded step 1 "
        "comes before real step 2: lengths describe sequences padded at the end only, so keep "
        "the real steps of every sequence, `input = input[torch.tensor(mask.to_numpy(float)) != "
        "0]`, and pass no lengths."
    )
    scope = {"mask": gap, "input": x.transpose(0, 1), "torch": torch}
    exec(_hint(says)[-1], scope)
    out, _ = gru(scope["input"])
    real = torch.tensor([[True, False, True, False]] * 2)
    for b, alone in enumerate(_alone(gru, x.transpose(0, 1), real, False)):
        torch.testing.assert_close(out[:, b], alone)

    assert _refusal(lambda: lstm(x, lengths=pd.Series([True, False])), TypeError) == (
        "`lengths` must hold integers, got dtype bool: one bool per sequence, not lengths: "
        "lengths count each sequence's real steps (ints in [1, 4]), `lengths=mask.sum(1)` of "
        "their [B, T] padding mask."
    )


def test_a_pandas_mask_with_a_missing_value_says_where():
    """A pandas mask holding pd.NA was refused with the DataFrame's printout ("must be a 1-D
    tensor or sequence of ints, got    0  1 ..."), and one holding NaN read it as a real step;
    each now says where the missing value is and `mask.fillna(0)` (False for `boolean`),
    after which the mask is told the lengths that run."""
    torch.manual_seed(0)
    gru = GRU(3, 2, batch_first=True, dtype=torch.float64)
    x = torch.randn(2, 4, 3, dtype=torch.float64)
    rows = [[1, 1, 0, None], [1, 1, 1, 1]]
    for mask, got, fill in [
        (pd.DataFrame(rows, index=["a", "b"], dtype=float), "NaN", 0),
        (pd.DataFrame(rows, index=["a", "b"], dtype="Int64"), "<NA>", 0),
        (pd.DataFrame(rows, index=["a", "b"], dtype="boolean"), "<NA>", False),
    ]:
        says = _refusal(lambda mask=mask: gru(x, lengths=mask))
        assert says == (
            f"`lengths` must not hold missing values, got {got} at row 'a', column 3 (1 missing "
            "value): a mask holds 1 (True) for a real step and 0 (False) for a padded one; fill "
            f"them first, `mask.fillna({fill})` where a missing step is padding."
        )
        filled = eval(_hint(says)[-1], {"mask": mask})
        told = _refusal(lambda filled=filled: gru(x, lengths=filled))
        lengths = eval(_hint(told)[-1].removeprefix("lengths="), {"mask": filled})
        assert list(lengths) == [2, 4]
        assert _refusal(lambda mask=mask: gru(x, mask=mask), TypeError).endswith(
            f"each sequence's true length [B]: this one must not hold missing values, got {got} "
            "at row 'a', column 3 (1 missing value): a mask holds 1 (True) for a real step and 0 "
            f"(False) for a padded one; fill them first, `mask.fillna({fill})` where a missing "
            "step is padding."
        )
    index = pd.Index([4.0, None])  # no labelled cells: read as the float lengths it holds
    assert _refusal(lambda: gru(x, lengths=index), TypeError) == (
        "`lengths` must hold integers, got dtype float64."
    )
    assert _refusal(lambda: gru(x, lengths=pd.Series([4, None], dtype="Int64"))) == (
        "`lengths` must not hold missing values, got <NA> at row 1 (1 missing value): each "
        "sequence's length is a whole number of steps; give the missing ones."
    )


def test_a_square_keras_mask_beside_a_time_major_input_is_read_as_keras_lays_it_out():
    """Keras' `mask=` is [B, T] always; a square one (B == T) beside a time-major layer was read
    as [T, B] and told `lengths=mask.sum(0)`, which ran and read the wrong steps, and a [B, T]
    mask with a gap beside a time-major input was told `input.gather(1, keep...)`, which
    gathers across the batch. Now the remedies run as each sequence alone (float64)."""
    torch.manual_seed(0)
    gru = GRU(3, 2, dtype=torch.float64)  # time-major
    x = torch.randn(3, 3, 3, dtype=torch.float64)  # [T, B, I], T == B
    head = (
        "GRU.forward() takes no Keras argument `mask`: `mask` is `lengths` here, each sequence's "
        "true length [B]: this one is a [B, T] mask"
    )
    ends = torch.tensor([[1, 1, 1], [1, 0, 0], [1, 1, 0]])  # [B, T]
    says = _refusal(lambda: gru(x, mask=ends), TypeError)
    assert says == head + (
        ": pass each sequence's length, `lengths=mask.sum(1)` for sequences padded at the end."
    )
    lengths = eval(_hint(says)[-1].removeprefix("lengths="), {"mask": ends})
    out, _ = gru(x, lengths=lengths)
    for b, alone in enumerate(_alone(gru, x, ends.bool(), False)):
        torch.testing.assert_close(out[: len(alone), b], alone)

    gap = torch.tensor([[1, 0, 1], [0, 1, 1], [1, 1, 0]])
    says = _refusal(lambda: gru(x, mask=gap), TypeError)
    assert says == head + (
        " whose sequence 0 has padded step 1 before real step 2: lengths describe sequences "
        "padded at the end only, so move each sequence's real steps to the front first, "
        "`keep = (mask == 0).argsort(dim=1, stable=True)`, `input = input.gather(0, "
        "keep.T.unsqueeze(-1).expand_as(input))`, then pass `lengths=mask.sum(1)`."
    )
    scope = {"mask": gap, "input": x}
    for line in _hint(says)[-3:-1]:
        exec(line, scope)
    out, _ = gru(scope["input"], lengths=eval("mask.sum(1)", scope))
    for b, alone in enumerate(_alone(gru, x, gap.bool(), False)):
        torch.testing.assert_close(out[: len(alone), b], alone)


def test_an_unbatched_call_with_batched_states_is_told_both():
    """An unbatched call given a batch of one's (h_0, c_0) was told "`h_0` must be 2-D ..."
    alone, then c_0 on the next try; both are now told at once, with the squeeze of each."""
    lstm = LSTM(3, 4, num_layers=2, dtype=torch.float64)
    x = torch.randn(5, 3, dtype=torch.float64)
    shape = "must be 2-D (2, 4) for unbatched input (num_layers * num_directions, hidden_size)"
    one = torch.zeros(2, 1, 4, dtype=torch.float64)
    says = _refusal(lambda: lstm(x, (one, one)))
    assert says == (
        f"`h_0` {shape}, got shape (2, 1, 4); `c_0` {shape}, got shape (2, 1, 4): pass "
        "`h_0.squeeze(1)` and `c_0.squeeze(1)`, or batch the input too (`input.unsqueeze(1)`)."
    )
    h_0 = c_0 = one
    _, (h_n, _) = lstm(x, (eval(_hint(says)[-3]), eval(_hint(says)[-2])))
    assert tuple(h_n.shape) == (2, 4)
    two = torch.zeros(2, 2, 4, dtype=torch.float64)
    assert _refusal(lambda: lstm(x, (two, two))) == (
        f"`h_0` {shape}, got shape (2, 2, 4); `c_0` {shape}, got shape (2, 2, 4)."
    )
    assert h_0 is c_0

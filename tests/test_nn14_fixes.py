"""lstmkit.nn leftovers of nn13 (nn14): a [T] mask of bools as long as the batch, a jit trace
that hid a user's own "Converting a tensor" warnings, and refusals that named a type alone."""

from __future__ import annotations

import pytest
import torch

from lstmkit.nn import GRU, LSTM


def _refusal(call, error=ValueError) -> str:
    with pytest.raises(error) as err:
        call()
    return str(err.value)


# -- 1. a 1-D bool mask as long as the batch and the time steps (B == T) ----------------------


@pytest.mark.parametrize(
    ("batch_first", "axis", "layout"), [(True, 1, "[B, T]"), (False, 0, "[T, B]")]
)
def test_bools_as_many_as_sequences_and_steps_are_told_both_readings(batch_first, axis, layout):
    """Four bools beside a batch of four sequences of four steps were read as a [T] mask only,
    and told `torch.full((4,), ...)`, one length for every sequence, though they may as well be
    one bool per sequence; both readings are now told, each with its remedy."""
    lstm = LSTM(input_size=2, hidden_size=3, batch_first=batch_first)
    x = torch.zeros(4, 4, 2)
    per_sequence = (
        "or, as [B], one bool per sequence, not lengths: lengths count each sequence's real "
        f"steps (ints in [1, 4]), `lengths=mask.sum({axis})` of their {layout} padding mask."
    )
    mask = torch.tensor([True, True, False, False])
    assert _refusal(lambda: lstm(x, lengths=mask), TypeError) == (
        "`lengths` must hold integers, got dtype torch.bool: 4 bools, as many as the sequences "
        "and as the time steps (4), so either a [T] mask: a batch of 4 sequences takes one "
        "length each, `lengths=torch.full((4,), int(mask.sum()))` where every sequence is "
        "padded at the end as this mask says; " + per_sequence
    )
    keep = ":, " if batch_first else ""
    assert _refusal(lambda: lstm(x, lengths=[True, False, True, True]), TypeError) == (
        "`lengths` must hold integers, got dtype bool: 4 bools, as many as the sequences and "
        "as the time steps (4), so either a [T] mask whose padded step 1 comes before real "
        "step 2: lengths describe sequences padded at the end only, so keep the real steps of "
        f"every sequence, `input = input[{keep}torch.as_tensor(mask) != 0]`, and pass no "
        "lengths; " + per_sequence
    )


def test_bools_as_many_as_the_steps_only_keep_one_reading():
    """Beside a batch of 3 sequences of 4 steps, 4 bools are a [T] mask and 3 one bool per
    sequence, as before: one reading each."""
    lstm = LSTM(input_size=2, hidden_size=3, batch_first=True)
    x = torch.zeros(3, 4, 2)
    assert _refusal(lambda: lstm(x, lengths=torch.ones(4, dtype=torch.bool)), TypeError) == (
        "`lengths` must hold integers, got dtype torch.bool: that of a [T] mask: a batch of 3 "
        "sequences takes one length each, `lengths=torch.full((3,), int(mask.sum()))` where "
        "every sequence is padded at the end as this mask says."
    )
    assert _refusal(lambda: lstm(x, lengths=torch.ones(3, dtype=torch.bool)), TypeError) == (
        "`lengths` must hold integers, got dtype torch.bool: one bool per sequence, not "
        "lengths: lengths count each sequence's real steps (ints in [1, 4]), "
        "`lengths=mask.sum(1)` of their [B, T] padding mask."
    )


@pytest.mark.parametrize(
    ("batch_first", "total"), [(True, -1.575708461864375), (False, -1.9278059798362444)]
)
def test_int_lengths_beside_a_square_batch_are_one_per_sequence(batch_first, total):
    """Ints as long as B == T are lengths, with nothing to guess: each sequence's last state is
    that of its real steps run alone (batch-first and time-major)."""
    torch.manual_seed(0)
    gru = GRU(input_size=2, hidden_size=3, batch_first=batch_first, dtype=torch.float64)
    x = torch.randn(4, 4, 2, dtype=torch.float64)
    lengths = [4, 1, 3, 2]
    with torch.no_grad():
        _, h_n = gru(x, lengths=torch.tensor(lengths))
        xs = x if batch_first else x.transpose(0, 1)
        for b, length in enumerate(lengths):
            torch.testing.assert_close(h_n[:, b], gru(xs[b, :length])[1], rtol=0, atol=1e-12)
        assert not torch.allclose(h_n[:, 1], gru(xs[1])[1])  # its 3 padded steps not run
    assert float(h_n.sum()) == pytest.approx(total, abs=1e-12)

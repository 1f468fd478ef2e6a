"""revlrp39: review of lrp39's output-check hints and head activations."""

from __future__ import annotations

import pytest
import torch
from torch import nn

import lstmkit
from lstmkit.explain import lrp, lrp_seq2seq
from lstmkit.explain.rules import epsilon_rule

STATES = (
    "Its forward hands `rnn` initial states that are not zero (largest |value| 0.5); lrp runs "
    "every layer from zero initial states and has no rule for states given from outside. Call "
    "`self.rnn(x)` without them to explain the model with lrp, or explain it as it is with a "
    "gradient method: `explain(model, inputs, target, method='gradxinput')` (or 'ig', "
    "'occlusion')."
)


class TimeMajor(nn.Module):
    """A time-major rnn; forward transposes the batch-first inputs (or not) and may hand the
    rnn initial states of 0.5."""

    def __init__(self, rnn_class: type, start: float | None, transpose: bool = True) -> None:
        super().__init__()
        torch.manual_seed(0)
        self.rnn = rnn_class(2, 3)  # batch_first=False
        self.head = nn.Linear(3, 2)
        self.start, self.transpose = start, transpose
        self.double()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        seq = x.transpose(0, 1) if self.transpose else x
        if self.start is None:
            _, state = self.rnn(seq)
        else:
            h0 = torch.full((1, seq.shape[1], 3), self.start, dtype=x.dtype)
            lstm = isinstance(self.rnn, (nn.LSTM, lstmkit.nn.LSTM))
            _, state = self.rnn(seq, (h0, h0.clone()) if lstm else h0)
        h_n = state[0] if isinstance(state, tuple) else state
        return self.head(h_n[-1])


X = torch.linspace(-1, 1, 12, dtype=torch.float64).reshape(2, 3, 2)


@pytest.mark.parametrize(
    "rnn_class",
    [nn.LSTM, nn.GRU, lstmkit.nn.LSTM, lstmkit.nn.GRU],
    ids=["torch-LSTM", "torch-GRU", "lstmkit-LSTM", "lstmkit-GRU"],
)
def test_a_forward_that_transposes_for_its_time_major_rnn_is_not_told_batch_first(rnn_class):
    """It was told "Its `rnn` has batch_first=False, so unless forward() transposes `inputs`
    it reads ... as [T, B, ...]; build it with batch_first=True." before the true cause, the
    initial states, though its forward transposes the inputs: the rnn got [T, B, F]."""
    with pytest.raises(RuntimeError) as caught:
        lrp(TimeMajor(rnn_class, 0.5), X, target=1)
    message = str(caught.value)
    assert "batch_first" not in message
    assert message.endswith(f"which lrp cannot explain. {STATES}")
    # from zero states it is explained, transposes and all
    ex = lrp(TimeMajor(rnn_class, None), X, target=1, bias_factor=1.0)
    assert float(ex.residual.abs().max()) < 1e-14


def test_a_time_major_rnn_that_reads_the_inputs_as_given_is_still_told_batch_first() -> None:
    """B = T: the shapes agree, so only the values tell it reads the batch as the steps."""
    x = torch.linspace(-1, 1, 18, dtype=torch.float64).reshape(3, 3, 2)
    with pytest.raises(RuntimeError) as caught:
        lrp(TimeMajor(nn.GRU, None, transpose=False), x, target=1)
    assert str(caught.value).endswith(
        "which lrp cannot explain. Its `rnn` has batch_first=False, so unless forward() "
        "transposes `inputs` it reads [B, T, ...] = (3, 3, 2) as [T, B, ...]; build it with "
        "batch_first=True."
    )


class Shifted(nn.Module):
    """A time-major encoder-decoder whose forward transposes, and adds 0.1 to every output."""

    def __init__(self) -> None:
        super().__init__()
        torch.manual_seed(0)
        self.encoder, self.decoder, self.head = nn.GRU(2, 3), nn.GRU(1, 3), nn.Linear(3, 1)
        self.double()

    def forward(self, x: torch.Tensor, future: torch.Tensor) -> torch.Tensor:
        _, h = self.encoder(x.transpose(0, 1))
        out, _ = self.decoder(future.transpose(0, 1), h)
        return self.head(out).squeeze(-1).T + 0.1


def test_lrp_seq2seq_tells_batch_first_only_where_the_encoder_got_the_inputs_so() -> None:
    x = torch.linspace(-1, 1, 20, dtype=torch.float64).reshape(2, 5, 2)
    future = torch.linspace(0, 1, 8, dtype=torch.float64).reshape(2, 4, 1)
    with pytest.raises(RuntimeError) as caught:
        lrp_seq2seq(Shifted(), x, future, 0)
    assert str(caught.value) == (
        "lrp_seq2seq's float64 recomputation of Shifted differs from the model's output (max "
        "abs difference 0.1): the model computes something beyond encoder → decoder → head, "
        "which lrp_seq2seq cannot explain."
    )


@pytest.mark.parametrize("count", [1, 2])
def test_epsilon_rule_refuses_groups_without_a_lower_unit(count) -> None:
    """Every W of [J, 0]: the rule returned an empty relevance per group without a word, the
    relevance of the upper units going to no unit."""
    z = torch.tensor([[0.5, -2.0, 2.0]])  # 2 times the W below
    groups = [(torch.zeros(1, 0), torch.zeros(3, 0))] * count
    with pytest.raises(ValueError) as caught:
        epsilon_rule(groups, z, z.clone())
    assert str(caught.value) == (
        "`groups` must hold at least one lower unit (a W of [J, K] with K >= 1, or None), got "
        f"K = 0 in {'its group' if count == 1 else 'all 2 groups'}: the relevance of `z`'s 3 "
        "upper units would go to no unit."
    )
    # one lower unit beside them gets all of it (the stabilizer's share too)
    groups.append((torch.tensor([[2.0]]), torch.tensor([[0.25], [-1.0], [1.0]])))
    out = epsilon_rule(groups, z, z.clone(), bias_factor=1.0)
    assert [tuple(r.shape) for r in out] == [(1, 0)] * count + [(1, 1)]
    assert out[-1].item() == pytest.approx(0.5, abs=1e-6)
    # no upper unit: no relevance to lose, none refused
    nothing = torch.zeros(1, 0)
    assert tuple(epsilon_rule([(nothing, torch.zeros(0, 0))], nothing, nothing)[0].shape) == (1, 0)


class PacksByPadIds(nn.Module):
    """Hands its (lstmkit) rnn the lengths it finds by the pad id 0."""

    def __init__(self) -> None:
        super().__init__()
        torch.manual_seed(0)
        self.embedding = nn.Embedding(20, 3, padding_idx=0)
        self.rnn = lstmkit.nn.GRU(3, 4, batch_first=True)
        self.head = nn.Linear(4, 2)
        self.double()

    def forward(self, tokens: torch.Tensor, lengths: torch.Tensor | None = None) -> torch.Tensor:
        _, h_n = self.rnn(self.embedding(tokens), lengths=(tokens != 0).sum(1))
        return self.head(h_n[-1])


def _padded(batch: int) -> torch.Tensor:
    """``batch`` sequences of 6 tokens, sequence i of 6 - i % 4 (6, 5, 4, 3, 6, ...)."""
    tokens = torch.arange(1, 6 * batch + 1).reshape(batch, 6) % 19 + 1
    for i in range(batch):
        tokens[i, 6 - i % 4 :] = 0
    return tokens


def test_the_lengths_of_many_sequences_are_not_all_listed() -> None:
    """1,000 sequences handed lengths of their own were told all 1,000 lengths twice, and to
    pass `lengths=torch.tensor([...])` of them (a message of 8,000 characters); past 16 the
    first three that differ are named, with how many do."""
    model, tokens = PacksByPadIds(), _padded(1000)
    with pytest.raises(RuntimeError) as caught:
        lrp(model, tokens, target=0)
    assert str(caught.value).endswith(
        "which lrp cannot explain. Its forward hands `rnn` sequences of other lengths than lrp "
        "reads (packed, or as `lengths=`): 750 of the 1,000 (sequence 1: 5, sequence 2: 4, "
        "sequence 3: 3 and 747 more), where lrp, given no `lengths`, reads all 6 steps of "
        "each: pass lrp the lengths the forward finds, `lengths=` a tensor of 1,000, with a "
        "forward that takes them (`def forward(self, inputs, lengths=None)`)."
    )
    assert len(str(caught.value)) < 700
    with pytest.raises(RuntimeError) as caught:
        lrp(model, tokens, target=0, lengths=torch.full((1000,), 5))
    assert str(caught.value).endswith(
        "which lrp cannot explain. Its forward hands `rnn` sequences of other lengths than lrp "
        "reads (packed, or as `lengths=`): 750 of the 1,000 (sequence 0: 6, sequence 2: 4, "
        "sequence 3: 3 and 747 more), where lrp reads the `lengths` given (sequence 0: 5, "
        "sequence 2: 5, sequence 3: 5): pass lrp the lengths the forward finds, `lengths=` a "
        "tensor of 1,000."
    )
    # the advice
    ex = lrp(model, tokens, target=0, lengths=(tokens != 0).sum(1), bias_factor=1.0)
    assert float(ex.residual.abs().max()) < 1e-13
    # 16 are listed whole, as before
    with pytest.raises(RuntimeError) as caught:
        lrp(model, _padded(16), target=0)
    assert "lengths=torch.tensor([6, 5, 4, 3, 6, 5, 4, 3, 6, 5, 4, 3, 6, 5, 4, 3])" in str(
        caught.value
    )


class Twice(PacksByPadIds):
    """Runs its rnn over the batch twice over (2B sequences), averaging the two halves."""

    def forward(self, tokens: torch.Tensor, lengths: torch.Tensor | None = None) -> torch.Tensor:
        both = torch.cat([tokens, tokens])
        out = super().forward(both)
        return (out[: len(tokens)] + out[len(tokens) :]) / 2


@pytest.mark.parametrize("batch", [2, 20])
@pytest.mark.parametrize("given", [False, True])
def test_an_rnn_run_on_another_batch_than_lrp_reads_gets_no_lengths_hint(batch, given) -> None:
    """The rnn got 2B lengths where lrp reads B: they were told as the lengths to pass lrp,
    `lengths=torch.tensor([...])` of 2B, which lrp refuses for its shape."""
    tokens = _padded(batch)
    lengths = torch.full((batch,), 6) if given else None
    with pytest.raises(RuntimeError) as caught:
        lrp(Twice(), tokens, target=0, lengths=lengths)
    assert str(caught.value).endswith("which lrp cannot explain.")

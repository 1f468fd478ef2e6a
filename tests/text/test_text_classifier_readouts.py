"""The classifier's readouts written out: max and mean over the valid steps of each sequence."""

from __future__ import annotations

import pytest
import torch

from lstmkit.text.classifier import TextClassifier


@pytest.mark.parametrize("bidirectional", [True, False])
@pytest.mark.parametrize("readout", ["max", "mean"])
def test_max_and_mean_readouts_pool_only_the_valid_steps(bidirectional: bool, readout: str) -> None:
    """Row 0 has 2 valid steps of 4, row 1 all 4: the sentence vector is the max (or mean)
    over each row's own steps of the LSTM outputs ``[n, D*H]`` (both directions side by side),
    with ``lengths`` and without."""
    tokens = torch.tensor([[3, 4, 0, 0], [5, 6, 7, 8]])
    lengths = [2, 4]
    torch.manual_seed(5)
    model = TextClassifier(10, 3, 4, 2, bidirectional, readout=readout).double().eval()  # type: ignore[arg-type]

    def pooled(steps: torch.Tensor) -> torch.Tensor:  # [n, D*H] -> [D*H]
        return steps.max(0).values if readout == "max" else steps.sum(0) / len(steps)

    got = model.encode(tokens, lengths)
    with torch.no_grad():
        alone = [
            model.rnn(model.embedding(tokens[b : b + 1, :n]))[0][0] for b, n in enumerate(lengths)
        ]
    for b in range(2):
        torch.testing.assert_close(got[b], pooled(alone[b]), rtol=0, atol=1e-12)
    torch.testing.assert_close(model.encode(tokens[1:])[0], pooled(alone[1]), rtol=0, atol=1e-12)
    if readout == "max":  # padded zeros would win in row 0 if the padding were pooled
        assert (pooled(alone[0]) < 0).any()


def test_training_mode_drops_out_embeddings_and_the_sentence_vector() -> None:
    """In training mode, dropout acts on the embeddings ``[B, T, E]`` (before the LSTM) and on
    the sentence vector before the head, in that order, each with the module's ``dropout``."""
    from torch.nn import functional as F

    tokens = torch.tensor([[3, 4, 5, 6]])
    torch.manual_seed(6)
    model = TextClassifier(10, 5, 4, 2, dropout=0.5).double().train()
    torch.manual_seed(7)
    logits = model(tokens)
    torch.manual_seed(7)
    with torch.no_grad():
        _, (h_n, _) = model.rnn(F.dropout(model.embedding(tokens), 0.5, True))
        s = F.dropout(torch.cat([h_n[0], h_n[1]], dim=-1), 0.5, True)
    torch.testing.assert_close(logits.detach(), model.head(s), rtol=0, atol=1e-12)


def test_padding_embeds_to_zero_and_learns_nothing() -> None:
    """The ``padding_idx`` row of the embedding is zero and gets no gradient."""
    torch.manual_seed(8)
    model = TextClassifier(6, 3, 2, 2, padding_idx=5)
    assert model.embedding.weight[5].tolist() == [0.0, 0.0, 0.0]
    model(torch.tensor([[1, 5, 5, 2]])).sum().backward()
    grad = model.embedding.weight.grad
    assert grad[5].tolist() == [0.0, 0.0, 0.0] and grad[1].abs().sum() > 0


def test_padding_idx_and_dropout_at_their_limits() -> None:
    """``padding_idx`` lies in ``[0, vocab_size)`` and ``dropout`` in ``[0, 1)``: the upper ends
    are refused by name, the values just inside are taken."""
    with pytest.raises(ValueError) as err:
        TextClassifier(6, 3, 2, 2, dropout=1.0, padding_idx=6)
    assert str(err.value) == (
        "`dropout` must be a number in [0, 1), got 1.0. "
        "`padding_idx` must be an integer in [0, 6) or None, got 6."
    )
    model = TextClassifier(6, 3, 2, 2, dropout=0.99, padding_idx=5)
    assert (model.dropout, model.padding_idx) == (0.99, 5)

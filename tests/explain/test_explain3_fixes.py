"""Fixes of the explain3 pass: lrp explains the class the model's output shows on a near tie,
deletion_curve compares the inputs within the sequences' lengths only, lrp_seq2seq refuses a
PReLU of several slopes in its head, and lrp reads an old weight_norm embedding as its next
call computes it."""

from __future__ import annotations

import re
import warnings

import pytest
import torch
from torch import nn

from lstmkit.explain import deletion_curve, lrp, lrp_seq2seq
from lstmkit.forecast import ForecastNet
from lstmkit.text import TextClassifier

# -- 2. deletion_curve and the padding ----------------------------------------------------------


def test_deletion_curve_accepts_inputs_that_differ_only_in_the_padding() -> None:
    """They were refused: "`explanation` explains other inputs than `inputs`: they differ at 1
    of 8 steps, (sequence, step) (1, 3), ..." where step 3 of sequence 1 is padding the model
    never reads."""
    torch.manual_seed(0)
    model = TextClassifier(12, 5, 4, 3).eval()
    tokens = torch.tensor([[3, 4, 5, 6], [7, 2, 0, 0]])
    ex = lrp(model, tokens, lengths=[4, 2])
    repadded = tokens.clone()
    repadded[1, 2:] = torch.tensor([9, 1])
    expected = deletion_curve(model, tokens, ex, steps=2)
    assert torch.equal(deletion_curve(model, repadded, ex, steps=2), expected)
    changed = tokens.clone()
    changed[1, 1] = 9  # within the length: still refused, in the same words
    message = (
        "`explanation` explains other inputs than `inputs`: they differ at 1 of 8 steps, "
        "(sequence, step) (1, 1), and its relevance ranks the steps of those; pass the inputs "
        "it explains, or explain these."
    )
    with pytest.raises(ValueError, match=re.escape(message) + "$"):
        deletion_curve(model, changed, ex, steps=2)


# -- 3. a PReLU of several slopes in a seq2seq head ---------------------------------------------


@pytest.mark.parametrize("check", [True, False])
def test_lrp_seq2seq_refuses_a_prelu_of_several_slopes_in_its_head_by_name(check) -> None:
    """torch's PReLU takes its slopes along dimension 1 of the decoder's outputs [B, T', H],
    the steps: the model failed in torch's words ("Mismatch of parameter numbers and input
    channel size", T' = 3), or (T' = 5) gave each step its own slope, where lrp_seq2seq gave
    each feature one: refused as "something beyond", or with check=False explained silently."""
    torch.manual_seed(0)
    net = ForecastNet("lstm", 3, 5, 1, decoder_input_size=2).double()
    net.head = nn.Sequential(nn.Linear(5, 5), nn.PReLU(5, init=0.1), nn.Linear(5, 1)).double()
    x = torch.randn(2, 6, 3, dtype=torch.float64)
    message = (
        "lrp_seq2seq does not support `head.1` (PReLU with 5 slopes): the head reads the "
        "decoder's outputs [B, T', H], and torch's PReLU takes its slopes along dimension 1, the "
        "T' steps, not the H features (the model fails unless T' is their number, and then "
        "gives each step its own slope); use nn.PReLU() (one slope) in the head."
    )
    for steps in (3, 5):
        future = torch.randn(2, steps, 2, dtype=torch.float64)
        with pytest.raises(TypeError, match=re.escape(message) + "$"):
            lrp_seq2seq(net, x, future, 1, check=check)


# -- 4. an old weight_norm embedding --------------------------------------------------------------

_TOKENS = torch.tensor([[5, 17, 3, 12, 9], [7, 8, 11, 2, 1]])


class _Tagger(nn.Module):
    """nn.Embedding → nn.LSTM (batch first) → nn.Linear on h_n[-1]."""

    def __init__(self) -> None:
        super().__init__()
        self.embedding = nn.Embedding(20, 4)
        self.rnn = nn.LSTM(4, 6, batch_first=True)
        self.head = nn.Linear(6, 3)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        return self.head(self.rnn(self.embedding(tokens))[1][0][-1])


def _weight_normed() -> _Tagger:
    model = _Tagger().double()
    with warnings.catch_warnings():  # deprecated in favour of torch.nn.utils.parametrizations
        warnings.simplefilter("ignore", FutureWarning)
        nn.utils.weight_norm(model.embedding)
    model(_TOKENS)  # the pre-hook sets `embedding.weight`
    return model


@pytest.mark.parametrize("stale_by", ["step", "load"])
@pytest.mark.parametrize("check", [True, False])
def test_an_old_weight_norm_embedding_is_read_as_its_next_call_computes_it(stale_by, check) -> None:
    """torch.nn.utils.weight_norm sets `embedding.weight` in a forward pre-hook; lrp read the
    attribute before calling the model, so after an optimizer step (or a load_state_dict) it
    embedded the tokens with the table of the call before: refused in float64 ("differs from
    the model's output (max abs difference 0.0163)" after the step), explained silently with
    check=False (the recurrent weights and the head's were read fresh already)."""
    torch.manual_seed(0)
    model = _weight_normed()
    if stale_by == "step":
        opt = torch.optim.SGD(model.parameters(), lr=0.5)
        model(_TOKENS).sum().backward()
        opt.step()
    else:
        trained = _weight_normed()
        with torch.no_grad():
            for p in trained.parameters():
                p.mul_(1.5)
        model.load_state_dict(trained.state_dict())
    plain = _Tagger().double()
    with torch.no_grad():
        plain.load_state_dict(
            {k: v for k, v in model.state_dict().items() if not k.startswith("embedding")},
            strict=False,
        )
        table = torch._weight_norm(model.embedding.weight_v, model.embedding.weight_g, 0)
        plain.embedding.weight.copy_(table)
    expected = lrp(plain, _TOKENS, 1, bias_factor=1.0)
    ex = lrp(model, _TOKENS, 1, bias_factor=1.0, check=check)
    torch.testing.assert_close(ex.relevance, expected.relevance, rtol=1e-12, atol=1e-14)
    torch.testing.assert_close(ex.score, expected.score, rtol=1e-12, atol=1e-14)

"""LRP on models a researcher writes: the parts lrp accepts, refuses and explains the refusal of."""

from __future__ import annotations

import sys

import pytest
import torch
from torch import nn

import lstmkit.nn as lnn
from lstmkit.explain import lrp, lrp_seq2seq
from lstmkit.explain.lrp import _head_forward, _head_relevance
from lstmkit.forecast import ForecastNet


class _Own(nn.Module):
    """embedding → lstmkit LSTM → head, with what ``forward`` does to the outputs chosen by
    ``pool``: ``"last"`` (``h_n``), ``"mean"`` (valid steps), ``"mean_all"`` (padding too) or
    an int step ``t`` (``out[:, t]``); ``drop`` adds dropout and identity submodules."""

    def __init__(self, pool: str | int = "last", bidirectional=False, drop=False, head=None):
        super().__init__()
        torch.manual_seed(0)
        self.embedding = nn.Embedding(11, 3)
        self.rnn = lnn.LSTM(3, 4, batch_first=True, bidirectional=bidirectional)
        d = 2 if bidirectional else 1
        self.head = head if head is not None else nn.Linear(4 * d, 2)
        if drop:
            self.drop = nn.Dropout(0.5)
            self.same = nn.Identity()
        self.pool = pool

    def forward(self, tokens: torch.Tensor, lengths: torch.Tensor | None = None) -> torch.Tensor:
        x = self.embedding(tokens)
        if hasattr(self, "drop"):
            x = self.same(self.drop(x))
        out, (h_n, _) = self.rnn(x, lengths=lengths)
        if self.pool == "last":
            s = torch.cat(list(h_n[-self.rnn.num_directions :]), dim=-1)
        elif self.pool == "mean":
            s = out.sum(1) / lengths.unsqueeze(1)
        elif self.pool == "mean_all":
            s = out.mean(1)
        elif self.pool == "max_all":
            s = out.max(1).values
        else:
            s = out[:, self.pool]
        if hasattr(self, "drop"):
            s = self.drop(s)
        return self.head(s)


TOKENS = torch.tensor([[1, 5, 3, 9, 2], [7, 4, 10, 0, 0]])
LENGTHS = torch.tensor([5, 3])
PREFIX = "lrp's float64 recomputation of _Own differs from the model's output (max abs difference "


def _refusal(model: nn.Module, tokens=TOKENS, lengths=LENGTHS) -> str:
    with pytest.raises(RuntimeError) as info:
        lrp(model.double(), tokens, 1, lengths=lengths)
    message = str(info.value)
    assert message.startswith(PREFIX)
    return message


def test_dropout_and_identity_submodules_are_explained_as_the_no_ops_they_are() -> None:
    """Refused by name before (`drop` (Dropout), `same` (Identity)): they compute nothing in
    inference, so the model is explained as the one without them, even in training mode."""
    plain = _Own().double()
    with_drop = _Own(drop=True).double().train()
    ex = lrp(with_drop, TOKENS, 1, lengths=LENGTHS, bias_factor=1.0)
    same = lrp(plain, TOKENS, 1, lengths=LENGTHS, bias_factor=1.0)
    assert torch.equal(ex.relevance_per_feature, same.relevance_per_feature)
    assert torch.equal(ex.score, same.score)
    assert ex.relevance[1].tolist()[3:] == [0.0, 0.0]
    assert (ex.relevance.sum(1) + ex.initial_state - ex.score).abs().max() < 1e-15
    assert with_drop.drop.training  # the caller's mode, back


def test_a_seq2seq_model_may_hold_dropout_too() -> None:
    net = ForecastNet("lstm", 3, 4, 1, decoder_input_size=2).double()
    x, future = torch.randn(2, 6, 3).double(), torch.randn(2, 3, 2).double()
    before = lrp_seq2seq(net, x, future, 1, bias_factor=1.0)
    net.drop = nn.Dropout(0.2)
    after = lrp_seq2seq(net, x, future, 1, bias_factor=1.0)
    assert torch.equal(after.relevance_per_feature, before.relevance_per_feature)


def test_parameters_on_the_model_and_unknown_submodules_are_named_together() -> None:
    """A learned query (attention pooling) held by the model itself was not seen by the walk:
    with check=False lrp explained the model without it, silently."""
    model = _Own()
    model.query = nn.Parameter(torch.ones(4))
    model.norm = nn.LayerNorm(4)
    message = (
        "lrp does not support the submodule `norm` (LayerNorm), the parameter `query` [4] of "
        "_Own; supported: embedding, rnn, head, and dropout and identity layers, which do "
        "nothing in inference. The gradient methods explain it: `explain(model, inputs, target, "
        "method='gradxinput')` (or 'ig', 'occlusion')."
    )
    for check in (True, False):
        with pytest.raises(TypeError) as info:
            lrp(model, TOKENS, 1, check=check)
        assert str(info.value) == message


def test_a_nested_sequential_head_is_read_layer_by_layer() -> None:
    inner = nn.Sequential(nn.Sequential(nn.Linear(4, 5), nn.ReLU()), nn.Linear(5, 2))
    nested = _Own(head=inner).double()
    flat = _Own(head=nn.Sequential(inner[0][0], inner[0][1], inner[1])).double()
    ex = lrp(nested, TOKENS, 0, lengths=LENGTHS)
    assert torch.equal(ex.relevance, lrp(flat, TOKENS, 0, lengths=LENGTHS).relevance)
    bad = _Own(head=nn.Sequential(nn.Sequential(nn.Linear(4, 2), nn.Sigmoid())))
    with pytest.raises(TypeError) as info:
        lrp(bad, TOKENS)
    assert str(info.value) == (
        "lrp does not support the module `head.0.1` (Sigmoid); "
        "a head (an nn.Sequential, nested ones too) may contain nn.Linear, Identity, Dropout and "
        "activations that keep the sign of every input, which pass relevance unchanged: ReLU, "
        "Tanh, GELU, SiLU, Mish, SELU, CELU, Softsign, Hardswish, LeakyReLU and PReLU with slopes "
        ">= 0, ELU with alpha >= 0, and "
        "Hardtanh with min_val <= 0 <= max_val. lrp "
        "explains the raw scores before a final Sigmoid: leave `head.0.1` out of the head and "
        "apply it outside the model (nn.CrossEntropyLoss and nn.BCEWithLogitsLoss take the raw "
        "scores)."
    )


def test_a_mean_readout_without_the_readout_attribute_is_named() -> None:
    message = _refusal(_Own("mean"))
    assert message.endswith(
        "the model computes something beyond embedding → rnn → readout 'last' → head, which lrp "
        "cannot explain. Its output is the head on readout 'mean' (lrp found no attribute "
        "`readout` on _Own and took 'last'): set `readout = 'mean'` on the model to explain it."
    )
    model = _Own("mean").double()
    model.readout = "mean"
    ex = lrp(model, TOKENS, 1, lengths=LENGTHS, bias_factor=1.0)
    assert (ex.relevance.sum(1) + ex.initial_state - ex.score).abs().max() < 1e-15


@pytest.mark.parametrize(
    ("pool", "readout", "pooled", "how"),
    [
        ("mean_all", "mean", "mean", "the sum over time divided by `lengths`"),
        ("max_all", "max", "maximum", "the padded steps set to -inf before the maximum"),
    ],
)
def test_a_pool_over_padding_is_told_apart_from_lrps(pool, readout, pooled, how) -> None:
    model = _Own(pool)
    model.readout = readout
    with torch.no_grad():
        model.rnn.bias_ih_l0[8:12] = -5.0  # g < 0: every output negative, padding's 0 the max
    assert _refusal(model).endswith(
        f"readout {readout!r} → head, which lrp cannot explain. Its output is the head on the "
        f"{pooled} of the outputs over all 5 steps, padding included; lrp's readout "
        f"{readout!r} pools each sequence's valid steps only ({how})."
    )


def test_the_output_at_an_earlier_step_is_named_with_the_inputs_that_explain_it() -> None:
    model = _Own(2)
    assert _refusal(model, lengths=None).endswith(
        "Its output is the head on the output at step 2 (`out[:, 2]`), which depends on steps "
        "0..2 alone: `lrp(model, inputs[:, :3], ...)` explains it, as the final state there."
    )
    ex = lrp(model, TOKENS[:, :3], 1, bias_factor=1.0)  # as the message says
    assert torch.allclose(ex.score, model(TOKENS)[:, 1].detach(), rtol=0, atol=1e-15)
    assert (ex.relevance.sum(1) + ex.initial_state - ex.score).abs().max() < 1e-15


@pytest.mark.parametrize(("bidirectional", "lengths"), [(True, None), (False, LENGTHS)])
def test_the_output_at_the_last_step_is_not_the_final_state(bidirectional, lengths) -> None:
    """`out[:, -1]`: the reverse direction has read one step there, and a padded sequence's
    output there is padding."""
    assert _refusal(_Own(-1, bidirectional), lengths=lengths).endswith(
        "Its output is the head on the output at step 4 (`out[:, 4]`), which lrp cannot "
        "explain: readout 'last' is the final states `h_n`, after each sequence's last valid "
        "step (padding is not read) and, for a reverse direction, after the whole sequence."
    )


def test_the_step_is_found_with_one_head_call_for_all_steps(monkeypatch) -> None:
    """The hint ran the head and a comparison once per step (1.1 s of a 2.5 s refusal at
    10,000 steps): now once for all of them, whatever the length."""
    lrp_module = sys.modules["lstmkit.explain.lrp"]
    calls = []

    def counted(head, s):
        calls.append(tuple(s.shape))
        return _head_forward(head, s)

    monkeypatch.setattr(lrp_module, "_head_forward", counted)
    tokens = torch.randint(1, 11, (2, 60), generator=torch.Generator().manual_seed(0))
    assert _refusal(_Own(40), tokens=tokens, lengths=None).endswith(
        "Its output is the head on the output at step 40 (`out[:, 40]`), which depends on steps "
        "0..40 alone: `lrp(model, inputs[:, :41], ...)` explains it, as the final state there."
    )
    # the explanation's own head pass, one per other readout, one on the sum over time
    # (xpl14) and one on the final cell states, then every step at once
    assert calls == [(2, 4), (2, 4), (2, 4), (2, 4), (2, 4), (60, 2, 4)]


def test_a_model_lrp_does_not_know_otherwise_gets_no_guess() -> None:
    """A scale applied in forward matches no readout nor step: the message guesses nothing."""

    class Scaled(_Own):
        def forward(self, tokens, lengths=None):
            return 2 * super().forward(tokens, lengths)

    with pytest.raises(RuntimeError) as info:
        lrp(Scaled().double(), TOKENS, 1, lengths=LENGTHS)
    assert str(info.value).endswith(
        "beyond embedding → rnn → readout 'last' → head, which lrp cannot explain."
    )


def test_lrp_for_lstm_at_bias_factor_0_is_the_plain_epsilon_rule_on_a_linear_relu_head() -> None:
    """What the README says of Captum's EpsilonRule: R_i = sum_j a_i w_ij R_j / (z_j + eps
    sign z_j), neither the bias's nor the stabilizer's share handed down; the default convention
    adds the stabilizer's share, eps sign(z_j) / N, to every lower unit."""
    torch.manual_seed(1)
    head = nn.Sequential(nn.Linear(4, 5), nn.ReLU(), nn.Linear(5, 2)).double()
    a0 = torch.randn(3, 4, dtype=torch.float64)
    z1 = head[0](a0).detach()
    a1 = torch.relu(z1)
    z2 = head[2](a1).detach()
    r2 = torch.zeros_like(z2)
    r2[:, 1] = z2[:, 1]
    eps = 0.1

    def plain(a, w, z, r):
        sign = (z >= 0).to(z.dtype) * 2 - 1  # sign(0) = +1
        return a * ((r / (z + eps * sign)) @ w.detach())

    r0 = plain(a0, head[0].weight, z1, plain(a1, head[2].weight, z2, r2))
    acts = _head_forward(list(head), a0)
    got = _head_relevance(list(head), acts, r2, eps, 0.0, "lrp_for_lstm")
    assert torch.allclose(got, r0, rtol=0, atol=1e-15)
    equation = _head_relevance(list(head), acts, r2, eps, 0.0, "equation")
    assert (equation - got).abs().max() > 1e-3


def test_of_steps_whose_outputs_are_alike_the_first_is_named() -> None:
    """No recurrence (W_hh = 0) and a forget gate shut (sigmoid(-1000) = 0 exactly): each output
    depends on its own token alone, so steps 0 and 1 of [3, 3, 5] give the model's output
    `out[:, 1]` alike; the hint names the first, whose prefix `inputs[:, :1]` is the shortest."""
    model = _Own(1)
    with torch.no_grad():
        model.rnn.weight_hh_l0.zero_()
        model.rnn.bias_ih_l0[4:8] = -1000.0
    assert _refusal(model, tokens=torch.tensor([[3, 3, 5]]), lengths=None).endswith(
        "Its output is the head on the output at step 0 (`out[:, 0]`), which depends on steps "
        "0..0 alone: `lrp(model, inputs[:, :1], ...)` explains it, as the final state there."
    )

"""Fixes of the explain3 pass: lrp explains the class the model's output shows on a near tie,
deletion_curve compares the inputs within the sequences' lengths only, lrp_seq2seq names a
PReLU of several slopes that the model gives the steps, lrp reads an old weight_norm embedding
as its next call computes it, and its output check sees a NaN on one side."""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path

import pytest
import torch
from torch import nn

from lstmkit.cli import main
from lstmkit.explain import deletion_curve, lrp, lrp_seq2seq
from lstmkit.forecast import ForecastNet
from lstmkit.text import ClassifierEnsemble, TextClassifier
from lstmkit.text.sentiment import SentimentConfig, SentimentResult, save_classifier
from lstmkit.text.vocab import Vocabulary

# -- 1. the arg-max on a near tie ----------------------------------------------------------------


def _head_input(model: nn.Module, *args: torch.Tensor) -> torch.Tensor:
    """What ``model``'s head reads on ``args`` (its readout, or the decoder's outputs)."""
    seen: list[torch.Tensor] = []
    handle = model.head.register_forward_hook(lambda _m, a, _o: seen.append(a[0]))
    with torch.no_grad():
        model(*args)
    handle.remove()
    return seen[0]


def _near_tie(model: TextClassifier, tokens: torch.Tensor) -> None:
    """Sets ``model``'s head so that classes 0 and 1 tie at 1.0 in float32 on ``tokens`` (one
    sequence) while class 1 is 1e-9 ahead in float64: its weight on one feature is 1e-9 (with
    the feature's sign), which float32 loses beside 1.0 (its spacing there is 1.2e-7)."""
    s = _head_input(model, tokens)[0]
    j = int(s.abs().argmax())
    with torch.no_grad():
        model.head.weight.zero_()
        model.head.bias.zero_()
        model.head.bias[:2] = 1.0
        model.head.weight[1, j] = 1e-9 * float(s[j].sign())


def test_lrp_explains_the_class_the_float32_output_shows_on_a_near_tie() -> None:
    """lrp took the arg-max of its float64 recomputation (class 1), an ensemble's LRP and the
    gradient methods that of the float32 output (class 0): on a near tie a single model was
    explained for another class than the one predicted."""
    torch.manual_seed(0)
    model = TextClassifier(12, 5, 4, 3).eval()
    tokens = torch.tensor([[3, 4, 5, 6]])
    _near_tie(model, tokens)
    with torch.no_grad():
        out = model(tokens)
    assert out[0, 0] == out[0, 1] and int(out.argmax(dim=1)) == 0  # the tie, in float32
    single = lrp(model, tokens)
    assert single.target.tolist() == [0]
    assert float(single.score[0]) == 1.0  # class 0's score, 1.0 exactly; class 1's is 1 + 1e-9
    ensemble = lrp(ClassifierEnsemble([model, model]), tokens)
    assert ensemble.target.tolist() == [0]
    # without the check the model is not called: the recomputation's arg-max, as documented
    assert lrp(model, tokens, check=False).target.tolist() == [1]


def test_lstmkit_explain_explains_the_class_it_prints_as_predicted_on_a_near_tie(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The record said "predicted": "negative" (the float32 softmax's arg-max) beside
    "explained": "positive" (the float64 recomputation's)."""
    torch.manual_seed(0)
    vocab = Vocabulary.build(["a good film", "a bad film", "not good at all"])
    model = TextClassifier(len(vocab), 6, 5, 2).eval()
    _near_tie(model, torch.tensor([vocab.encode(["a", "good", "film"])]))
    save_classifier(SentimentResult(model, vocab, SentimentConfig(task="sst2")), tmp_path)
    assert main(["explain", str(tmp_path), "--text", "a good film", "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert (record["predicted"], record["explained"]) == ("negative", "negative")
    assert (record["target"], record["probability"]) == (0, 0.5)


def test_lrp_seq2seq_explains_the_step_the_float32_output_shows_on_a_near_tie() -> None:
    """As lrp: every step's output is 1.0 in float32, and the float64 recomputation's
    arg-max (the step where one decoder unit, weighted 1e-9, is largest) was explained."""
    torch.manual_seed(0)
    net = ForecastNet("lstm", 3, 4, 1, decoder_input_size=2).eval()
    x, future = torch.randn(1, 6, 3), torch.randn(1, 5, 2)
    out = _head_input(net, x, future)[0]  # [T', H]
    sign, j = next((s, j) for j in range(4) for s in (1, -1) if int((s * out[:, j]).argmax()))
    with torch.no_grad():
        net.head.weight.zero_()
        net.head.weight[0, j] = 1e-9 * sign
        net.head.bias.fill_(1.0)
        assert bool((net(x, future) == 1.0).all())
    ex = lrp_seq2seq(net, x, future)
    assert ex.target.tolist() == [0]
    assert lrp_seq2seq(net, x, future, check=False).target.tolist() == [
        int((sign * out[:, j]).argmax())
    ]


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
        "`explanation` explains other inputs than `inputs`: they differ at 1 of 6 steps, "
        "(sequence, step) (1, 1), and its relevance ranks the steps of those; pass the inputs "
        "it explains, or explain these."
    )
    with pytest.raises(ValueError, match=re.escape(message) + "$"):
        deletion_curve(model, changed, ex, steps=2)


# -- 3. a PReLU of several slopes in a seq2seq head ---------------------------------------------


def test_lrp_seq2seq_names_a_prelu_of_several_slopes_that_the_model_gives_the_steps() -> None:
    """torch's PReLU takes its slopes along dimension 1 of the decoder's outputs [B, T', H], the
    steps: with T' = 5 slopes ForecastNet gave each step its own, where lrp_seq2seq gives each
    feature one, and the output check refused it as "something beyond" without naming why.
    (A head called on [B·T', H] is explained: test_revexplain3_fixes.)"""
    torch.manual_seed(0)
    net = ForecastNet("lstm", 3, 5, 1, decoder_input_size=2).double()
    net.head = nn.Sequential(nn.Linear(5, 5), nn.PReLU(5, init=0.1), nn.Linear(5, 1)).double()
    with torch.no_grad():
        net.head[1].weight.copy_(torch.linspace(0.05, 0.4, 5))
    x = torch.randn(2, 6, 3, dtype=torch.float64)
    future = torch.randn(2, 5, 2, dtype=torch.float64)
    message = (
        "Its head has `head.1` (PReLU with 5 slopes): lrp_seq2seq gives each of the decoder's H "
        "features its slope, as the head computes on [B·T', H] (`head(out.reshape(-1, H))`), "
        "but torch's PReLU takes its slopes along dimension 1, so a head called on the "
        "decoder's outputs [B, T', H] gives each of the T' steps its own; call the head on "
        "[B·T', H], or use nn.PReLU() (one slope)."
    )
    with pytest.raises(
        RuntimeError,
        match=r"differs from the model's output \(max abs .*" + re.escape(message) + "$",
    ):
        lrp_seq2seq(net, x, future, 1)


# -- 4. an old weight_norm embedding --------------------------------------------------------------

_TOKENS = torch.tensor([[5, 17, 3, 12, 9], [7, 8, 11, 2, 1]])


def _weight_normed(tagger) -> nn.Module:
    model = tagger().double()
    with warnings.catch_warnings():  # deprecated in favour of torch.nn.utils.parametrizations
        warnings.simplefilter("ignore", FutureWarning)
        nn.utils.weight_norm(model.embedding)
    model(_TOKENS)  # the pre-hook sets `embedding.weight`
    return model


@pytest.mark.parametrize("stale_by", ["step", "load"])
@pytest.mark.parametrize("check", [True, False])
def test_an_old_weight_norm_embedding_is_read_as_its_next_call_computes_it(
    stale_by, check, tagger
) -> None:
    """torch.nn.utils.weight_norm sets `embedding.weight` in a forward pre-hook; lrp read the
    attribute before calling the model, so after an optimizer step (or a load_state_dict) it
    embedded the tokens with the table of the call before: refused in float64 ("differs from
    the model's output (max abs difference 0.0163)" after the step), explained silently with
    check=False (the recurrent weights and the head's were read fresh already)."""
    torch.manual_seed(0)
    model = _weight_normed(tagger)
    if stale_by == "step":
        opt = torch.optim.SGD(model.parameters(), lr=0.5)
        model(_TOKENS).sum().backward()
        opt.step()
    else:
        trained = _weight_normed(tagger)
        with torch.no_grad():
            for p in trained.parameters():
                p.mul_(1.5)
        model.load_state_dict(trained.state_dict())
    plain = tagger().double()
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


# -- 5. NaN in the output check -------------------------------------------------------------------


class _Features(nn.Module):
    """nn.LSTM (batch first) → nn.Linear on h_n[-1]; ``spoil`` changes its output afterwards."""

    def __init__(self, spoil=None) -> None:
        super().__init__()
        self.rnn = nn.LSTM(3, 4, batch_first=True)
        self.head = nn.Linear(4, 2)
        self.spoil = spoil

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out = self.head(self.rnn(x)[1][0][-1])
        if self.spoil is not None:
            self.spoil(out)
        return out


def _nan_at_0_1(out: torch.Tensor) -> None:
    out[0, 1] = float("nan")


def _plus_one_at_1(out: torch.Tensor) -> None:
    out[1] += 1.0


@pytest.mark.parametrize(
    ("spoil", "nan_input", "by"),
    [
        (_nan_at_0_1, False, "NaN in one where the other holds a number"),
        (_plus_one_at_1, True, "max abs difference 1"),
    ],
    ids=["nan-output", "nan-beside-a-difference"],
)
def test_lrps_output_check_is_not_blinded_by_nan(spoil, nan_input, by) -> None:
    """A NaN made the maximum difference NaN, which exceeds no tolerance: a model whose output
    held NaN where lrp's recomputation is a number passed the check (and was explained for the
    NaN's class), and one sequence's NaN inputs (NaN in both) hid another's difference of 1."""
    torch.manual_seed(0)
    model = _Features(spoil)
    x = torch.randn(2, 5, 3)
    if nan_input:
        x[0, 1, 0] = float("nan")
    message = (
        f"lrp's float64 recomputation of _Features differs from the model's output ({by}): the "
        "model computes something beyond rnn → readout 'last' → head, which lrp "
        "cannot explain."
    )
    with pytest.raises(RuntimeError, match=re.escape(message) + "$"):
        lrp(model, x)
    model.spoil = None  # NaN in both where the inputs hold one: no difference
    if nan_input:  # the NaN input is told (revexbase39), and the other sequence explained
        told = "`inputs` hold NaN at 1 entry of sequence [0] (the first at sequence 0, step 1, "
        with pytest.warns(UserWarning, match=re.escape(told)):
            ex = lrp(model, x)
    else:
        ex = lrp(model, x)
    assert bool(ex.score[1:].isfinite().all())
